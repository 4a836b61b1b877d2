import streamlit as st

st.title("summary")
