"""The page registry: one entry per page file, the URL contract's paths, one start page."""

from __future__ import annotations

from pathlib import Path

from stepwise.registry import PAGES

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_file_exists_and_is_listed_once():
    files = [p.file for p in PAGES]
    assert len(set(files)) == len(files)
    assert all((ROOT / f).is_file() for f in files)
    glue = {"link.py", "dialogs.py", "render.py", "state.py", "menu.py"}  # shared Streamlit glue and the page menu, not pages
    on_disk = {f"app_pages/{f.name}" for f in (ROOT / "app_pages").glob("*.py") if f.name not in glue}
    assert on_disk == set(files)


def test_url_paths_are_the_url_contract():
    # docs/url-contract.md: /, /retake, /targets, /study, /projection, /summary, /sources. Links depend on them.
    assert [p.url_path for p in PAGES] == ["", "retake", "targets", "study", "projection", "summary", "sources"]
    assert [p.is_start for p in PAGES].count(True) == 1


def test_no_file_relies_on_streamlit_magic():
    # .streamlit/config.toml turns magic off (runner.magicEnabled): a value alone on its line would
    # silently draw nothing. Every element is drawn with an explicit call.
    import ast

    files = ["app.py", "prepare.py", *(str(f.relative_to(ROOT)) for f in sorted((ROOT / "app_pages").glob("*.py")))]
    for name in files:
        tree = ast.parse((ROOT / name).read_text())
        for parent in ast.walk(tree):
            for i, node in enumerate(getattr(parent, "body", []) if isinstance(getattr(parent, "body", None), list) else []):
                if not isinstance(node, ast.Expr) or isinstance(node.value, (ast.Call, ast.Await)):
                    continue
                documented = isinstance(parent, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                docstring = documented and i == 0 and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                assert docstring, f"{name}:{node.lineno} is a bare expression: draw it with an explicit st call"


def test_no_code_names_a_page_by_its_file():
    # The registry is the one place a page's file is named: code and tests take its entries
    # (RETAKE.file, not the string), so a page can move by one edit.
    files = [p.file for p in PAGES]
    sources = [f for d in ("app_pages", "stepwise", "tests", "bench") for f in (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]
    for path in sources:
        if path.name == "registry.py":
            continue
        text = path.read_text()
        assert not [f for f in files if f in text], path.relative_to(ROOT)
