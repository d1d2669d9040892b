"""Loads libferrex.so with cffi in ABI mode, declaring it from
include/ferrex.h at run time, so the Python runner always calls the API the
header describes (no hand-copied declarations that could drift).

cffi's cdef takes plain C declarations only, so the header is
preprocessed here first: comments removed; #if/#ifdef/#ifndef/#elif/#else
evaluated as a C11 compiler would see them (no __cplusplus,
__STDC_VERSION__ 201112L), which keeps the `typedef int32_t ferrex_status;`
branch and drops the C++ `extern "C"` guard and the C23 enum bases; #include
dropped (cffi knows the <stdint.h> types); every object-like #define whose
value is an integer expression kept, evaluated to the literal cffi accepts.
"""
import ast
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
HEADER = os.path.join(ROOT, "include", "ferrex.h")
LIBRARY = os.path.join(ROOT, "build", "lib", "libferrex.so")

# What the header's conditionals see: a C11 compiler (cffi's dialect).
PREDEFINED = {"__STDC_VERSION__": 201112}


class FfiError(Exception):
    pass


_COMMENT_OR_STRING = re.compile(r'"(?:\\.|[^"\\])*"|/\*.*?\*/|//[^\n]*', re.S)


def _strip_comments(text):
    def keep_strings(m):
        s = m.group(0)
        if s.startswith('"'):
            return s
        return " " if s.startswith("//") else " " + "\n" * s.count("\n")  # keep line numbers

    return _COMMENT_OR_STRING.sub(keep_strings, text)


def _int_value(expr, macros):
    """The value of a C integer constant expression over `macros` (unknown
    identifiers are 0, as in #if), or None when it is not one."""
    is_defined = lambda m: "1" if (m.group(1) or m.group(2)) in macros else "0"
    expr = re.sub(r"\bdefined\s*\(\s*(\w+)\s*\)|\bdefined\s+(\w+)", is_defined, expr)
    expr = re.sub(r"\b(0[xX][0-9a-fA-F]+|\d+)[uUlL]*\b", r"\1", expr)
    expr = expr.replace("&&", " and ").replace("||", " or ")
    expr = re.sub(r"!(?!=)", " not ", expr)

    def ident(m):
        v = macros.get(m.group(0), 0)
        return str(v) if isinstance(v, int) else "None"

    expr = re.sub(r"\b[A-Za-z_]\w*\b", lambda m: m.group(0) if m.group(0) in ("and", "or", "not") else ident(m), expr)
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError:
        return None
    allowed = (ast.Expression, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Constant,
               ast.operator, ast.unaryop, ast.boolop, ast.cmpop)
    for node in ast.walk(tree):
        if not isinstance(node, allowed) or (isinstance(node, ast.Constant) and type(node.value) is not int):
            return None
    try:
        value = eval(compile(tree, "<#if>", "eval"), {"__builtins__": {}})
    except Exception:
        return None
    return int(value) if isinstance(value, (int, bool)) else None


def cdef_source(header_text):
    """The header as declarations cffi's cdef parses (see the module doc)."""
    text = _strip_comments(header_text).replace("\\\n", " ")
    macros = dict(PREDEFINED)
    out = []
    # Each entry: (this branch is active, some branch of this #if was taken).
    stack = []
    active = lambda: all(a for a, _ in stack)
    for n, line in enumerate(text.split("\n"), 1):
        m = re.match(r"\s*#\s*(\w+)\s*(.*)", line)
        if not m:
            if active():
                out.append(line)
            continue
        directive, rest = m.group(1), m.group(2).strip()
        if directive in ("if", "ifdef", "ifndef"):
            if directive == "ifdef":
                cond = rest in macros
            elif directive == "ifndef":
                cond = rest not in macros
            else:
                v = _int_value(rest, macros)
                if v is None:
                    raise FfiError(f"{HEADER}:{n}: cannot evaluate #if {rest}")
                cond = bool(v)
            stack.append((cond, cond))
        elif directive == "elif":
            if not stack:
                raise FfiError(f"{HEADER}:{n}: #elif without #if")
            _, taken = stack.pop()
            v = _int_value(rest, macros)
            if v is None:
                raise FfiError(f"{HEADER}:{n}: cannot evaluate #elif {rest}")
            cond = not taken and bool(v)
            stack.append((cond, taken or cond))
        elif directive == "else":
            if not stack:
                raise FfiError(f"{HEADER}:{n}: #else without #if")
            _, taken = stack.pop()
            stack.append((not taken, True))
        elif directive == "endif":
            if not stack:
                raise FfiError(f"{HEADER}:{n}: #endif without #if")
            stack.pop()
        elif not active():
            continue
        elif directive == "define":
            d = re.match(r"([A-Za-z_]\w*)(\(?)\s*(.*)", rest)
            if not d or d.group(2):
                continue  # function-like macros: nothing cffi could take
            name, body = d.group(1), d.group(3)
            value = _int_value(body, macros) if body else None
            macros[name] = value if value is not None else body
            if value is not None:
                out.append(f"#define {name} {value}")
        elif directive == "undef":
            macros.pop(rest, None)
        elif directive == "error":
            raise FfiError(f"{HEADER}:{n}: #error {rest}")
        # #include, #pragma: cffi knows the standard integer types already.
    if stack:
        raise FfiError(f"{HEADER}: unterminated #if")
    return "\n".join(out)


def load():
    """(ffi, lib): libferrex.so declared from the header, its version
    checked against the header's."""
    try:
        import cffi
    except ImportError:
        raise FfiError("the Python module cffi is missing: run scripts/need-py.sh cffi=cffi")
    try:
        with open(HEADER, encoding="utf-8") as f:
            header = f.read()
    except OSError as e:
        raise FfiError(f"cannot read {HEADER}: {e.strerror}")
    if not os.path.exists(LIBRARY):
        raise FfiError(f"{LIBRARY} does not exist: run `make lib` first")
    ffi = cffi.FFI()
    try:
        ffi.cdef(cdef_source(header))
    except cffi.CDefError as e:
        raise FfiError(f"cffi cannot parse the declarations taken from {HEADER}: {e}")
    try:
        lib = ffi.dlopen(LIBRARY)
    except OSError as e:
        raise FfiError(f"cannot load {LIBRARY}: {e}")
    if lib.ferrex_version_number() != lib.FERREX_VERSION_NUMBER:
        raise FfiError(
            f"{LIBRARY} is version {ffi.string(lib.ferrex_version()).decode()} but {HEADER} is "
            f"{lib.FERREX_VERSION_NUMBER}: run `make lib`"
        )
    return ffi, lib


def status_text(ffi, lib, status):
    return f"{ffi.string(lib.ferrex_status_name(status)).decode()}: {ffi.string(lib.ferrex_status_message(status)).decode()}"


def check_status(ffi, lib, status, what, err_pp=None):
    """Raises FfiError naming `what` when `status` is an error, with the
    ferrex_error's message when the call produced one (and frees it)."""
    if status >= 0:
        return status
    detail = ""
    if err_pp is not None and err_pp[0] != ffi.NULL:
        detail = "\n" + ffi.string(lib.ferrex_error_message(err_pp[0])).decode("utf-8", "replace")
        lib.ferrex_error_free(err_pp[0])
        err_pp[0] = ffi.NULL
    raise FfiError(f"{what} failed: {status_text(ffi, lib, status)}{detail}")
