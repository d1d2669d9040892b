#define Py_LIMITED_API 0x030B0000
#include <Python.h>
#include "ferrex.h"
typedef struct { PyObject_HEAD ferrex_regex *re; } RegexObj;
static PyTypeObject *RegexType;
static void Regex_dealloc(PyObject *self) { ferrex_regex_free(((RegexObj*)self)->re); PyTypeObject *tp = Py_TYPE(self); PyObject_Free(self); Py_DECREF(tp);}
static PyObject *Regex_is_match(PyObject *self, PyObject *arg) {
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
    int r = ferrex_regex_is_match(((RegexObj*)self)->re, NULL, view.buf, view.len, NULL);
    PyBuffer_Release(&view);
    if (r) Py_RETURN_TRUE; Py_RETURN_FALSE;
}
static PyObject *Regex_find(PyObject *self, PyObject *arg) {
    Py_buffer view; ferrex_match m;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) return NULL;
    int r = ferrex_regex_find(((RegexObj*)self)->re, NULL, view.buf, view.len, NULL, &m);
    PyBuffer_Release(&view);
    if (r == 1) return Py_BuildValue("(nn)", (Py_ssize_t)m.start, (Py_ssize_t)m.end);
    Py_RETURN_NONE;
}
static PyMethodDef Regex_methods[] = {{"is_match", Regex_is_match, METH_O, 0},{"find", Regex_find, METH_O, 0},{0}};
static PyType_Slot slots[] = {{Py_tp_dealloc, Regex_dealloc},{Py_tp_methods, Regex_methods},{0,0}};
static PyType_Spec spec = {"cext.Regex", sizeof(RegexObj), 0, Py_TPFLAGS_DEFAULT, slots};
static PyObject *compile(PyObject *m, PyObject *arg) {
    char *p; Py_ssize_t n; if (PyBytes_AsStringAndSize(arg, &p, &n) < 0) return NULL;
    RegexObj *o = PyObject_New(RegexObj, RegexType);
    ferrex_regex_new(&o->re, (const uint8_t*)p, n, 0, NULL, NULL);
    return (PyObject*)o;
}
static PyMethodDef mod_methods[] = {{"compile", compile, METH_O, 0},{0}};
static struct PyModuleDef mod = {PyModuleDef_HEAD_INIT, "cext", 0, -1, mod_methods};
PyMODINIT_FUNC PyInit_cext(void) { RegexType = (PyTypeObject*)PyType_FromSpec(&spec); return PyModule_Create(&mod); }
