/* ferrex_zigglue: the C shim of the seed's chain, Python -> this shim
 * (CPython's limited API, one abi3 build for 3.11+) -> src/glue.zig ->
 * the ferrex Zig wrapper -> libferrex. It only converts: Python objects to
 * pointer + length, statuses to exceptions, results to Python objects;
 * every decision is the glue's or ferrex's.
 *
 *   compile(pattern: bytes-like) -> regex (a capsule; ValueError with
 *                                   ferrex's message on a bad pattern)
 *   is_match(regex, text) -> bool     text: bytes-like, or str (as UTF-8)
 *   find(regex, text) -> (start, end) byte offsets, or None
 *   count(regex, text) -> int         non-overlapping matches
 *   version_number() -> int           the cheapest call into libferrex */
#define Py_LIMITED_API 0x030B0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "glue.h"

static const char CAPSULE[] = "ferrex_zigglue.regex";

static void regex_destroy(PyObject *capsule) { fxz_free(PyCapsule_GetPointer(capsule, CAPSULE)); }

static PyObject *raise_status(int32_t status) {
    if (status == FXZ_ERR_NO_MEMORY)
        return PyErr_NoMemory();
    return PyErr_Format(PyExc_ValueError, "ferrex: %s (status %d)", fxz_status_message(status), (int)status);
}

/* A text argument: a str's UTF-8 (no copy for ASCII), else a buffer. */
typedef struct { Py_buffer view; int has_view; const uint8_t *ptr; size_t len; } text_t;

static int text_get(PyObject *obj, text_t *t) {
    t->has_view = 0;
    if (PyUnicode_Check(obj)) {
        Py_ssize_t n;
        t->ptr = (const uint8_t *)PyUnicode_AsUTF8AndSize(obj, &n);
        t->len = (size_t)n;
        return t->ptr == NULL ? -1 : 0;
    }
    if (PyObject_GetBuffer(obj, &t->view, PyBUF_SIMPLE) < 0)
        return -1;
    t->has_view = 1;
    t->ptr = t->view.buf;
    t->len = (size_t)t->view.len;
    return 0;
}

static void text_release(text_t *t) {
    if (t->has_view)
        PyBuffer_Release(&t->view);
}

static PyObject *zg_compile(PyObject *module, PyObject *pattern) {
    (void)module;
    Py_buffer b;
    if (PyObject_GetBuffer(pattern, &b, PyBUF_SIMPLE) < 0)
        return NULL;
    char message[1024] = "";
    fxz_regex *re = NULL;
    int32_t st = fxz_compile(b.buf, (size_t)b.len, &re, message, sizeof message);
    PyBuffer_Release(&b);
    if (st != 0)
        return st == FXZ_ERR_NO_MEMORY ? PyErr_NoMemory() : PyErr_Format(PyExc_ValueError, "%s", message);
    PyObject *capsule = PyCapsule_New(re, CAPSULE, regex_destroy);
    if (capsule == NULL)
        fxz_free(re);
    return capsule;
}

/* The (regex, text) arguments every search takes. */
static fxz_regex *search_args(PyObject *const *args, Py_ssize_t nargs, const char *name, text_t *t) {
    if (nargs != 2) {
        PyErr_Format(PyExc_TypeError, "%s(regex, text) takes 2 arguments (%zd given)", name, nargs);
        return NULL;
    }
    fxz_regex *re = PyCapsule_GetPointer(args[0], CAPSULE);
    if (re == NULL || text_get(args[1], t) < 0)
        return NULL;
    return re;
}

static PyObject *zg_is_match(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    text_t t;
    fxz_regex *re = search_args(args, nargs, "is_match", &t);
    if (re == NULL)
        return NULL;
    int32_t rc = fxz_is_match(re, t.ptr, t.len);
    text_release(&t);
    return rc < 0 ? raise_status(rc) : PyBool_FromLong(rc);
}

static PyObject *zg_find(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    text_t t;
    fxz_regex *re = search_args(args, nargs, "find", &t);
    if (re == NULL)
        return NULL;
    size_t start = 0, end = 0;
    int32_t rc = fxz_find(re, t.ptr, t.len, &start, &end);
    text_release(&t);
    if (rc < 0)
        return raise_status(rc);
    if (rc == 0)
        Py_RETURN_NONE;
    return Py_BuildValue("(nn)", (Py_ssize_t)start, (Py_ssize_t)end);
}

static PyObject *zg_count(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    text_t t;
    fxz_regex *re = search_args(args, nargs, "count", &t);
    if (re == NULL)
        return NULL;
    size_t n = 0;
    int32_t rc = fxz_count(re, t.ptr, t.len, &n);
    text_release(&t);
    return rc < 0 ? raise_status(rc) : PyLong_FromSize_t(n);
}

static PyObject *zg_version_number(PyObject *module, PyObject *unused) {
    (void)module;
    (void)unused;
    return PyLong_FromUnsignedLong(fxz_version_number());
}

static PyMethodDef methods[] = {
    {"compile", zg_compile, METH_O, "compile(pattern: bytes) -> regex"},
    {"is_match", (PyCFunction)(void (*)(void))zg_is_match, METH_FASTCALL, "is_match(regex, text) -> bool"},
    {"find", (PyCFunction)(void (*)(void))zg_find, METH_FASTCALL, "find(regex, text) -> (start, end) | None"},
    {"count", (PyCFunction)(void (*)(void))zg_count, METH_FASTCALL, "count(regex, text) -> int"},
    {"version_number", zg_version_number, METH_NOARGS, "libferrex's version number"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "ferrex_zigglue", "Python -> C shim -> Zig glue -> ferrex (the seed's chain)",
    0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_ferrex_zigglue(void) { return PyModuleDef_Init(&module_def); }
