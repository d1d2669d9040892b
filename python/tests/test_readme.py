"""The README's Python example, run, with its printed output checked."""
import contextlib
import io
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
README = os.path.join(HERE, "..", "..", "README.md")


def blocks():
    text = open(README, encoding="utf-8").read()
    section = text[text.index("## From Python"):]
    code = re.search(r"<!-- python-readme-test: code -->\s*```python\n(.*?)```", section, re.S).group(1)
    out = re.search(r"<!-- python-readme-test: output -->\s*```text\n(.*?)```", section, re.S).group(1)
    return code, out


def test_readme_example_prints_what_the_readme_says():
    code, expected = blocks()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, "README.md", "exec"), {})
    assert buf.getvalue() == expected
