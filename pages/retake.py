import streamlit as st

st.title("retake")
