"""The README's Python examples (re's API; RegexSet and PhraseSet), run,
with their printed output checked."""
import contextlib
import io
import os
import re

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(HERE, "..", "..", "README.md")


def blocks(tag=""):
    text = open(README, encoding="utf-8").read()
    section = text[text.index("## From Python"):]
    code = re.search(rf"<!-- python-readme-test: {tag}code -->\s*```python\n(.*?)```", section, re.S).group(1)
    out = re.search(rf"<!-- python-readme-test: {tag}output -->\s*```text\n(.*?)```", section, re.S).group(1)
    return code, out


@pytest.mark.parametrize("tag", ["", "sets-"])
def test_readme_example_prints_what_the_readme_says(tag):
    code, expected = blocks(tag)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, "README.md", "exec"), {})
    assert buf.getvalue() == expected
