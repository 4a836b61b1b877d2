import streamlit as st

st.title("projection")
