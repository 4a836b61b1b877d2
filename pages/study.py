import streamlit as st

st.title("study")
