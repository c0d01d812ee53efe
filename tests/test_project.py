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


def test_the_readme_keeps_the_sections_the_issues_ask_for():
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", readme, flags=re.MULTILINE)
    for wanted in ("Outputs", "Large corpora", "Input formats, and what happens to bad input", "How good is the coding?"):
        assert wanted in headings


def test_every_codebook_file_is_documented_in_its_readme():
    folder = PROJECT_DIR / "data" / "codebook"
    documented = (folder / "README.md").read_text(encoding="utf-8")
    for path in sorted(folder.glob("*.csv")):
        assert f"`{path.name}`" in documented, path.name
