import streamlit as st

st.title("targets")
