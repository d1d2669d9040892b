"""ferrex/__init__.pyi, the package's type stubs: installed with the
package, declaring every public name, method and attribute, with the
parameters the code has; and (CPython, where make python-test installs
mypy) a usage file type-checks against them while misuses are refused."""
import ast
import inspect
import os
import platform
import re
import subprocess
import sys

import pytest

import ferrex

HERE = os.path.dirname(os.path.abspath(__file__))
STUB = os.path.join(os.path.dirname(ferrex.__file__), "__init__.pyi")


def _stub():
    with open(STUB) as f:
        return ast.parse(f.read())


def _module_names(tree):
    """The names the stub binds at module level."""
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname for a in node.names if a.asname)  # `import X as X`: a re-export
    return names


def _functions(body):
    """{name: [FunctionDef, ...]}: every overload of every function."""
    out = {}
    for node in body:
        if isinstance(node, ast.FunctionDef):
            out.setdefault(node.name, []).append(node)
    return out


def _class(tree, name):
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise AssertionError(f"the stub has no class {name}")


def _class_names(node):
    names = set(_functions(node.body))
    for item in node.body:
        if isinstance(item, ast.AnnAssign):
            names.add(item.target.id)
        elif isinstance(item, ast.Assign):
            names.update(t.id for t in item.targets)
    return names


def test_stub_is_installed_and_parses():
    assert os.path.isfile(STUB), "ferrex/__init__.pyi is not installed with the package"
    assert os.path.isfile(os.path.join(os.path.dirname(STUB), "py.typed"))
    tree = _stub()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            assert ast.literal_eval(node.value) == ferrex.__all__
            break
    else:
        raise AssertionError("the stub has no __all__")


def test_stub_declares_every_public_name():
    declared = _module_names(_stub())
    missing = set(ferrex.__all__) - declared
    assert not missing, missing
    # ...and nothing that the package does not have.
    extra = {n for n in declared if not n.startswith("_") and not hasattr(ferrex, n)}
    assert not extra, extra


def test_stub_declares_every_method_and_attribute_of_pattern_and_match():
    tree = _stub()
    for cls in (ferrex.Pattern, ferrex.Match):
        # dir() sees the C base's members and methods too (PatternBase,
        # MatchBase on CPython 3.11+) and the slots.
        public = {n for n in dir(cls) if not n.startswith("_")}
        public |= {n for n in ("__getitem__", "__eq__", "__hash__", "__copy__", "__deepcopy__", "__bool__")
                   if n in vars(cls)}
        declared = _class_names(_class(tree, cls.__name__))
        assert public <= declared, (cls.__name__, public - declared)
        extra = {n for n in declared if not n.startswith("_") and not hasattr(cls, n)}
        assert not extra, (cls.__name__, extra)
    for required in ("pattern", "flags", "groups", "groupindex", "search", "match", "fullmatch",
                     "finditer", "findall", "sub", "subn", "split"):
        assert required in _class_names(_class(tree, "Pattern")), required
    for required in ("re", "string", "pos", "endpos", "group", "groups", "groupdict", "span",
                     "start", "end", "lastindex", "lastgroup", "regs", "expand", "__getitem__"):
        assert required in _class_names(_class(tree, "Match")), required


def test_stub_flags_and_error_attributes():
    tree = _stub()
    flag = _class(tree, "RegexFlag")
    values = {}
    for item in flag.body:
        if isinstance(item, ast.Assign):  # NAME = value, or ALIAS = NAME
            v = item.value
            values[item.targets[0].id] = values[v.id] if isinstance(v, ast.Name) else ast.literal_eval(v)
    assert values == {name: int(member) for name, member in ferrex.RegexFlag.__members__.items()}
    e = ferrex.error("bad", "a(", 1)
    attrs = {n for n in vars(e)}
    assert attrs <= _class_names(_class(tree, "error")), attrs - _class_names(_class(tree, "error"))


def _check_signature(where, stub_def, runtime):
    """Each overload's parameters are ones the code takes: keyword-passable
    names exist (positional-only ones, written __x, are matched by
    position), defaults where the code has them, the code's required
    parameters all there."""
    try:
        sig = inspect.signature(runtime)
    except (TypeError, ValueError):
        return False  # a C method without a signature (its own tests cover it)
    params = list(sig.parameters.values())
    if params and params[0].name in ("self", "cls"):
        params = params[1:]
    var_kw = any(p.kind is p.VAR_KEYWORD for p in params)
    var_pos = any(p.kind is p.VAR_POSITIONAL for p in params)
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    by_name = {p.name: p for p in params}
    required = [p for p in positional if p.default is p.empty]
    for overload in stub_def:
        a = overload.args
        stub_pos = a.posonlyargs + a.args
        if stub_pos and stub_pos[0].arg in ("self", "cls"):
            stub_pos = stub_pos[1:]
        n_defaults = len(a.defaults)
        for i, arg in enumerate(stub_pos):
            has_default = i >= len(stub_pos) - n_defaults
            if arg.arg.startswith("__") or arg in a.posonlyargs:
                assert var_pos or i < len(positional), (where, arg.arg, "too many positional parameters")
                continue
            p = by_name.get(arg.arg)
            assert p is not None or var_kw, (where, arg.arg, "not a parameter of the code", str(sig))
            if p is not None and has_default:
                assert p.default is not p.empty, (where, arg.arg, "has no default in the code")
        for arg in a.kwonlyargs:
            assert arg.arg in by_name or var_kw, (where, arg.arg)
        if a.vararg is None:
            assert len(stub_pos) >= len(required), (where, "misses required parameters", str(sig))
    return True


def test_stub_signatures_match_the_code():
    tree = _stub()
    checked = 0
    for name, defs in _functions(tree.body).items():
        checked += _check_signature(name, defs, getattr(ferrex, name))
    for cls_name in ("Pattern", "Match", "error"):
        cls = getattr(ferrex, cls_name)
        for name, defs in _functions(_class(tree, cls_name).body).items():
            if any(getattr(d, "id", None) == "property" for d in defs[0].decorator_list):
                continue
            if hasattr(cls, f"_{name}_slow") and not hasattr(getattr(cls, name), "__code__"):
                # PatternBase's (C) take the parameters of the Python ones they fall back on.
                runtime = getattr(cls, f"_{name}_slow")
            else:
                runtime = getattr(cls, name)
            checked += _check_signature(f"{cls_name}.{name}", defs, runtime)
    assert checked >= 32, checked


# -- mypy ---------------------------------------------------------------------


def _mypy(tmp_path, *files):
    """mypy's error lines for files, checked against the installed ferrex."""
    if platform.python_implementation() != "CPython":
        pytest.skip("mypy runs on CPython (make python-test installs it there)")
    try:
        import mypy  # noqa: F401
    except ImportError:
        raise AssertionError("mypy is not installed: make python-test installs it into the CPython venv")
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "cache"),
         *files],
        cwd=str(tmp_path), capture_output=True, text=True, timeout=300,
    )
    assert r.returncode in (0, 1), r.stdout + r.stderr
    return r.stdout.splitlines()


def test_usage_type_checks(tmp_path):
    # stubs_usage.py: assert_type over the API (str vs bytes overloads,
    # Match[str]/Match[bytes], flags, sets); any mismatch is an error.
    out = _mypy(tmp_path, os.path.join(HERE, "stubs_usage.py"))
    assert out == [], "\n".join(out)


def test_misuse_is_refused(tmp_path):
    # stubs_misuse.py: each line marked `# error: CODE` must get exactly
    # that error from mypy, and no other line any.
    path = os.path.join(HERE, "stubs_misuse.py")
    want = set()
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            m = re.search(r"# error: ([a-z-]+)", line)
            if m:
                want.add((lineno, m.group(1)))
    assert len(want) >= 5
    got = set()
    for line in _mypy(tmp_path, path):
        if ": note: " in line:
            continue
        m = re.match(r".*stubs_misuse\.py:(\d+): error: .*\[([a-z-]+)\]$", line)
        assert m, line
        got.add((int(m.group(1)), m.group(2)))
    assert got == want
