"""The project's own files agree with each other."""

import re
import tomllib

import yaml

from analysis.datafiles import PROJECT_DIR


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_packages_of_pyproject():
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
    project = pyproject["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra if not r.startswith(project["name"])}
    environment = yaml.safe_load((PROJECT_DIR / "environment.yml").read_text())
    conda = {_name(d) for d in environment["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    pip = next(d["pip"] for d in environment["dependencies"] if isinstance(d, dict))
    assert conda == wanted
    assert "-e ." in pip
    assert any(d.startswith("python=3.") for d in environment["dependencies"] if isinstance(d, str))
