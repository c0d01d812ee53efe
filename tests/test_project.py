"""The project's own files agree with each other."""

import re
import tomllib

import yaml

from analysis.datafiles import PROJECT_DIR


def _names(requirement: str) -> set[str]:
    """The conda packages a pip requirement stands for; an extra that is itself a
    package ("dask[distributed]") is a package of its own on conda-forge."""
    name = re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")
    extras = re.search(r"\[([^\]]+)\]", requirement)
    return {name} | ({extra.strip() for extra in extras.group(1).split(",")} if extras else set())


def test_environment_yml_lists_the_packages_of_pyproject():
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
    project = pyproject["project"]
    wanted = set().union(*(_names(r) for r in project["dependencies"]))
    for extra in project["optional-dependencies"].values():
        wanted = wanted.union(*(_names(r) for r in extra if not r.startswith(project["name"])))
    environment = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text())
    conda = set().union(*(_names(d) for d in environment["dependencies"] if isinstance(d, str))) - {"python", "pip"}
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert conda == wanted
    assert "-e ." in pip
    assert any(d.startswith("python=3.") for d in environment["dependencies"] if isinstance(d, str))


_FENCE = re.compile(r"^```.*?^```", flags=re.MULTILINE | re.DOTALL)
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _prose(text: str) -> str:
    """A Markdown text without its code: fenced blocks go, inline code spans are blanked."""
    return _CODE.sub("``", _FENCE.sub("", text))


def _links(path) -> list[str]:
    """The targets of a Markdown file's relative links and images, without their anchors."""
    targets = _LINK.findall(_prose(path.read_text(encoding="utf-8")))
    return [t.split("#", 1)[0] for t in targets if not re.match(r"[a-z][a-z0-9+.-]*:|#", t)]


def _docs_pages():
    return sorted((PROJECT_DIR / "docs").glob("*.md"))


def test_the_readme_is_a_front_page_that_links_every_docs_page():
    readme = PROJECT_DIR / "README.md"
    assert readme.stat().st_size < 10_000, "README.md is the front page: move details to docs/ (issue 24)"
    linked = {(PROJECT_DIR / target).resolve() for target in _links(readme)}
    pages = _docs_pages()
    assert len(pages) >= 5
    for page in pages:
        assert page.resolve() in linked, f"README.md does not link {page.relative_to(PROJECT_DIR)}"
        back = {(page.parent / target).resolve() for target in _links(page)}
        assert readme.resolve() in back, f"{page.relative_to(PROJECT_DIR)} does not link back to README.md"
    images = [t for t in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", _prose(readme.read_text(encoding="utf-8")))]
    assert any(t.endswith(".png") and (PROJECT_DIR / t).is_file() for t in images), "the front page shows no chart"


def test_every_relative_link_and_image_of_the_docs_resolves():
    checked = 0
    for path in [PROJECT_DIR / "README.md", *_docs_pages()]:
        for target in _links(path):
            if target:
                assert (path.parent / target).exists(), f"{path.relative_to(PROJECT_DIR)} links {target}, which is not there"
                checked += 1
    assert checked >= 20


def test_the_docs_keep_the_sections_the_issues_ask_for():
    headings = set()
    for page in _docs_pages():
        headings |= set(re.findall(r"^#{1,6} (.+?)\s*$", _FENCE.sub("", page.read_text(encoding="utf-8")), flags=re.MULTILINE))
    for wanted in ("Outputs", "Large corpora", "Input formats, and what happens to bad input", "How good is the coding?"):
        assert wanted in headings, wanted


def test_every_codebook_file_is_documented_in_its_readme():
    folder = PROJECT_DIR / "data" / "codebook"
    documented = (folder / "README.md").read_text(encoding="utf-8")
    for path in sorted(folder.glob("*.csv")):
        assert f"`{path.name}`" in documented, path.name


def test_every_module_path_the_docs_data_and_notebooks_name_exists():
    """A module that moves or is split leaves no pointer to where it was, as a path
    ("analysis/report/plot.py") or as a dotted name ("analysis.report.agreement")."""
    texts = [PROJECT_DIR / "README.md", PROJECT_DIR / "settings.yaml", *sorted((PROJECT_DIR / "docs").glob("*.md")),
             *sorted((PROJECT_DIR / "data").rglob("README.md")), *sorted((PROJECT_DIR / "notebooks").glob("*.ipynb"))]
    texts += [path for path in sorted((PROJECT_DIR / "data").rglob("*.csv")) if "runs" not in path.parts and "processed" not in path.parts]
    paths, dotted = {}, {}
    for path in texts:
        text = path.read_text(encoding="utf-8")
        for found in re.findall(r"\banalysis/[\w/]*\w(?:\.py)?/?", text):
            paths.setdefault(found.rstrip("/"), path.name)
        for found in re.findall(r"(?<![\w/.])analysis(?:\.[A-Za-z_]\w*)+", text):
            dotted.setdefault(found, path.name)
    assert len(paths) >= 15 and len(dotted) >= 5
    assert {module: where for module, where in paths.items() if not (PROJECT_DIR / module).exists()} == {}
    assert {name: where for name, where in dotted.items() if not _resolves(name)} == {}


def _resolves(dotted: str) -> bool:
    """True when ``dotted`` ("analysis.report.plot", "analysis.tabulate",
    "analysis.measures.stance.features") names a module or an attribute of one."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False
