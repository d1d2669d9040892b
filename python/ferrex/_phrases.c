/*
 * ferrex._ferrex's phrase sets: the native half of ferrex.PhraseSet
 * (ferrex/_sets.py) over libferrex's ferrex_phrases_* calls, the same
 * calls ferrex/_backend_cffi.py offers on PyPy:
 *
 *   compile_phrases(phrases: tuple of bytes, match_kind, ascii_ci, unicode_ci) -> Phrases
 *       raises ValueError(message, status_name, phrase_index) (-1 when unknown)
 *   Phrases.is_match(hay, start, end, flags) -> bool
 *   Phrases.find(hay, start, end, flags) -> (index, start, end) | None
 *   Phrases.find_match(string, flags, owner) -> PhraseMatch | None
 *       PhraseSet.search's fast path over a whole haystack (bytes or an
 *       ASCII str, which the caller checks): the match made here
 *   PhraseMatchBase(set, string, index, start, end): a match's fields
 *       (ferrex.PhraseMatch adds the methods; set_phrase_match_type)
 *   Phrases.spans(hay, start, end, flags, overlapping) -> [(index, start, end), ...]
 *       every match, in one call
 *   Phrases.iter(hay, start, end, flags, overlapping) -> PhraseIter
 *   PhraseIter.next_batch(hay, cap) -> up to cap next matches ([] at the end)
 *   Phrases.replace(hay, start, end, replacements: tuple of bytes) -> bytes
 *
 * Offsets are bytes; `hay` is as for _ferrex.c's searches (an ASCII str
 * read in place, or any buffer). Calls over at least RELEASE_GIL_AT bytes
 * run without the GIL (a phrase set is immutable and thread-safe; an
 * iterator is used by one thread at a time, which `busy` enforces).
 */
#define Py_LIMITED_API 0x030B0000
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>
#include <structmember.h>

#include "ferrex.h"
#include "_ferrex.h"

/* Matches per ferrex_phrase_iter_next_batch() call (a stack buffer). */
#define BATCH 256

typedef struct {
    PyObject_HEAD
    ferrex_phrases *set;
    size_t count; /* the number of phrases */
    PyObject *indexes; /* (0, 1, ..., count - 1), made by the first spans():
                          each match tuple shares its index int, one
                          allocation fewer a match */
} PhrasesObject;

typedef struct {
    PyObject_HEAD
    ferrex_phrase_iter *it;
    size_t len; /* the haystack's length, which must not change */
    int busy;   /* a next_batch() is running (without the GIL) */
} PhraseIterObject;

/* A phrase match's fields, read-only. */
typedef struct {
    PyObject_HEAD
    PyObject *set;    /* the PhraseSet */
    PyObject *string; /* the haystack */
    PyObject *index;  /* the phrase's index */
    PyObject *start;
    PyObject *end;
} PhraseMatchObject;

/* The types, made once by phrases_add_types() (one module per process,
 * as _ferrex.c's g_state); the module holds them too. */
static PyTypeObject *phrases_type;
static PyTypeObject *phrase_iter_type;
static PyTypeObject *phrase_match_base;
static PyTypeObject *phrase_match_type; /* ferrex.PhraseMatch, set by set_phrase_match_type() */

/* (index, start, end) of a match. */
static PyObject *match_tuple(const ferrex_match *m) {
    PyObject *t = PyTuple_New(3);
    if (t == NULL)
        return NULL;
    size_t v[3] = {m->pattern, m->start, m->end};
    for (int i = 0; i < 3; i++) {
        PyObject *x = PyLong_FromSize_t(v[i]);
        if (x == NULL || PyTuple_SetItem(t, i, x) < 0) {
            Py_DECREF(t);
            return NULL;
        }
    }
    return t;
}

/* Appends out[0..n) to `list` as match tuples; -1 with an exception. */
static int append_matches(PyObject *list, const ferrex_match *out, size_t n) {
    for (size_t i = 0; i < n; i++) {
        PyObject *t = match_tuple(&out[i]);
        if (t == NULL || PyList_Append(list, t) < 0) {
            Py_XDECREF(t);
            return -1;
        }
        Py_DECREF(t);
    }
    return 0;
}

static PyObject *Phrases_is_match(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PhrasesObject *self = (PhrasesObject *)self_;
    PyObject *obj;
    ferrex_search s;
    hay_t h;
    if (parse_search(args, nargs, "is_match", &obj, &s) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    int32_t r;
    if (h.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_phrases_is_match(self->set, h.ptr, h.len, &s);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_phrases_is_match(self->set, h.ptr, h.len, &s);
    }
    hay_release(&h);
    if (check(r) < 0)
        return NULL;
    return PyBool_FromLong(r);
}

/* Takes its five references, even on failure. */
static PyObject *new_phrase_match(PyTypeObject *type, PyObject *set, PyObject *string, PyObject *index,
                                  PyObject *start, PyObject *end) {
    allocfunc alloc = (allocfunc)PyType_GetSlot(type, Py_tp_alloc);
    PhraseMatchObject *m = alloc == NULL ? NULL : (PhraseMatchObject *)alloc(type, 0);
    if (m == NULL || index == NULL || start == NULL || end == NULL) {
        Py_XDECREF((PyObject *)m);
        Py_DECREF(set);
        Py_DECREF(string);
        Py_XDECREF(index);
        Py_XDECREF(start);
        Py_XDECREF(end);
        return NULL;
    }
    m->set = set;
    m->string = string;
    m->index = index;
    m->start = start;
    m->end = end;
    return (PyObject *)m;
}

/* find_match(string, flags, owner): the fast path of PhraseSet.search and
 * match over a whole haystack (bytes or an ASCII str: the caller checks,
 * so byte offsets are the string's). */
static PyObject *Phrases_find_match(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PhrasesObject *self = (PhrasesObject *)self_;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "find_match(string, flags, owner)");
        return NULL;
    }
    if (phrase_match_type == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "find_match: set_phrase_match_type() was not called");
        return NULL;
    }
    unsigned long f = PyLong_AsUnsignedLong(args[1]);
    if (f == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    hay_t h;
    if (hay_get(args[0], &h) < 0)
        return NULL;
    ferrex_search s = {0, h.len, (uint32_t)f, 0};
    ferrex_match m;
    int32_t r;
    if (h.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_phrases_find(self->set, h.ptr, h.len, &s, &m);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_phrases_find(self->set, h.ptr, h.len, &s, &m);
    }
    hay_release(&h);
    if (check(r) < 0)
        return NULL;
    if (r == 0)
        Py_RETURN_NONE;
    return new_phrase_match(phrase_match_type, Py_NewRef(args[2]), Py_NewRef(args[0]), PyLong_FromSize_t(m.pattern),
                            PyLong_FromSize_t(m.start), PyLong_FromSize_t(m.end));
}

static PyObject *Phrases_find(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PhrasesObject *self = (PhrasesObject *)self_;
    PyObject *obj;
    ferrex_search s;
    hay_t h;
    if (parse_search(args, nargs, "find", &obj, &s) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    ferrex_match m;
    int32_t r;
    if (h.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_phrases_find(self->set, h.ptr, h.len, &s, &m);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_phrases_find(self->set, h.ptr, h.len, &s, &m);
    }
    hay_release(&h);
    if (check(r) < 0)
        return NULL;
    if (r == 0)
        Py_RETURN_NONE;
    return match_tuple(&m);
}

/* The arguments of spans() and iter(): parse_search's four, then
 * `overlapping`. */
static int parse_iter_args(PyObject *const *args, Py_ssize_t nargs, const char *name, PyObject **obj,
                           ferrex_search *s, uint32_t *overlapping) {
    if (nargs != 5) {
        PyErr_Format(PyExc_TypeError, "%s(hay, start, end, flags, overlapping) takes 5 arguments", name);
        return -1;
    }
    if (parse_search(args, 4, name, obj, s) < 0)
        return -1;
    int yes = PyObject_IsTrue(args[4]);
    if (yes < 0)
        return -1;
    *overlapping = (uint32_t)yes;
    return 0;
}

static PyObject *Phrases_spans(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PhrasesObject *self = (PhrasesObject *)self_;
    PyObject *obj;
    ferrex_search s;
    uint32_t overlapping;
    hay_t h;
    if (parse_iter_args(args, nargs, "spans", &obj, &s, &overlapping) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    ferrex_phrase_iter *it = NULL;
    PyObject *list = NULL;
    ferrex_match *all = NULL;
    size_t n = 0, cap = 0;
    int32_t r = 0;
    int nomem = 0;
    if (check(ferrex_phrase_iter_new(&it, self->set, h.len, &s, overlapping, NULL)) < 0)
        goto done;
    /* Every match first, in one pass (without the GIL when long), then
     * the list at its final size. */
    int release = h.len >= RELEASE_GIL_AT;
    PyThreadState *ts = release ? PyEval_SaveThread() : NULL;
    for (size_t got = BATCH; r >= 0 && got == BATCH;) {
        if (n + BATCH > cap) {
            size_t want = cap ? 2 * cap : 4 * BATCH;
            ferrex_match *grown = realloc(all, want * sizeof *all);
            if (grown == NULL) {
                nomem = 1;
                break;
            }
            all = grown;
            cap = want;
        }
        r = ferrex_phrase_iter_next_batch(it, h.ptr, h.len, all + n, BATCH, &got);
        if (r >= 0)
            n += got;
    }
    if (release)
        PyEval_RestoreThread(ts);
    if (nomem) {
        PyErr_NoMemory();
        goto done;
    }
    if (check(r) < 0)
        goto done;
    if (self->indexes == NULL && n > 0) {
        PyObject *ix = PyTuple_New((Py_ssize_t)self->count);
        for (size_t i = 0; ix != NULL && i < self->count; i++) {
            PyObject *v = PyLong_FromSize_t(i);
            if (v == NULL || PyTuple_SetItem(ix, (Py_ssize_t)i, v) < 0)
                Py_CLEAR(ix);
        }
        if (ix == NULL)
            goto done;
        self->indexes = ix;
    }
    list = PyList_New((Py_ssize_t)n);
    for (size_t i = 0; list != NULL && i < n; i++) {
        PyObject *t = PyTuple_New(3), *a = NULL, *b = NULL;
        PyObject *index = all[i].pattern < self->count ? PyTuple_GetItem(self->indexes, (Py_ssize_t)all[i].pattern)
                                                       : NULL;
        if (t == NULL || index == NULL || (a = PyLong_FromSize_t(all[i].start)) == NULL ||
            (b = PyLong_FromSize_t(all[i].end)) == NULL) {
            if (index == NULL && !PyErr_Occurred())
                PyErr_SetString(PyExc_RuntimeError, "phrase index out of range");
            Py_XDECREF(t);
            Py_XDECREF(a);
            Py_CLEAR(list);
            break;
        }
        PyTuple_SetItem(t, 0, Py_NewRef(index));
        PyTuple_SetItem(t, 1, a);
        PyTuple_SetItem(t, 2, b);
        PyList_SetItem(list, (Py_ssize_t)i, t);
    }
done:
    free(all);
    ferrex_phrase_iter_free(it);
    hay_release(&h);
    return list;
}

static PyObject *Phrases_iter(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PhrasesObject *self = (PhrasesObject *)self_;
    PyObject *obj;
    ferrex_search s;
    uint32_t overlapping;
    hay_t h;
    if (parse_iter_args(args, nargs, "iter", &obj, &s, &overlapping) < 0 || hay_get(obj, &h) < 0)
        return NULL;
    size_t len = h.len;
    hay_release(&h);
    ferrex_phrase_iter *it = NULL;
    if (check(ferrex_phrase_iter_new(&it, self->set, len, &s, overlapping, NULL)) < 0)
        return NULL;
    PhraseIterObject *io = PyObject_New(PhraseIterObject, phrase_iter_type);
    if (io == NULL) {
        ferrex_phrase_iter_free(it);
        return NULL;
    }
    io->it = it;
    io->len = len;
    io->busy = 0;
    return (PyObject *)io;
}

/* replace(hay, start, end, replacements): ferrex_phrases_replace_alloc()
 * with replacement i for phrase i (the tuple keeps them alive while the
 * GIL is released). */
static PyObject *Phrases_replace(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PhrasesObject *self = (PhrasesObject *)self_;
    if (nargs != 4 || !PyTuple_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "replace(hay, start, end, replacements: tuple of bytes)");
        return NULL;
    }
    PyObject *obj = args[0];
    ferrex_search s = {0, 0, 0, 0};
    s.start = PyLong_AsSize_t(args[1]);
    if (s.start == (size_t)-1 && PyErr_Occurred())
        return NULL;
    s.end = PyLong_AsSize_t(args[2]);
    if (s.end == (size_t)-1 && PyErr_Occurred())
        return NULL;
    Py_ssize_t count = PyTuple_Size(args[3]);
    const uint8_t **ptrs = PyMem_Malloc((count ? (size_t)count : 1) * sizeof *ptrs);
    size_t *lens = PyMem_Malloc((count ? (size_t)count : 1) * sizeof *lens);
    PyObject *result = NULL;
    hay_t h;
    h.has_view = 0;
    if (ptrs == NULL || lens == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *p = PyTuple_GetItem(args[3], i);
        char *b;
        Py_ssize_t n;
        if (!PyBytes_Check(p)) {
            PyErr_Format(PyExc_TypeError, "replace: replacement %zd is not bytes", i);
            goto done;
        }
        if (PyBytes_AsStringAndSize(p, &b, &n) < 0)
            goto done;
        ptrs[i] = (const uint8_t *)b;
        lens[i] = (size_t)n;
    }
    if (hay_get(obj, &h) < 0)
        goto done;
    ferrex_bytes out = {NULL, 0};
    int32_t r;
    if (h.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_phrases_replace_alloc(self->set, h.ptr, h.len, &s, ptrs, lens, (size_t)count, &out);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_phrases_replace_alloc(self->set, h.ptr, h.len, &s, ptrs, lens, (size_t)count, &out);
    }
    if (check(r) == 0) {
        result = PyBytes_FromStringAndSize((const char *)out.ptr, (Py_ssize_t)out.len);
        ferrex_bytes_free(&out);
    }
done:
    hay_release(&h);
    PyMem_Free(ptrs);
    PyMem_Free(lens);
    return result;
}

static PyObject *Phrases_len(PyObject *self_, PyObject *unused) {
    (void)unused;
    return PyLong_FromSize_t(((PhrasesObject *)self_)->count);
}

static void Phrases_dealloc(PyObject *self_) {
    PhrasesObject *self = (PhrasesObject *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    ferrex_phrases_free(self->set);
    Py_XDECREF(self->indexes);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

static PyMethodDef Phrases_methods[] = {
    {"is_match", (PyCFunction)(void (*)(void))Phrases_is_match, METH_FASTCALL, "is_match(hay, start, end, flags)"},
    {"find", (PyCFunction)(void (*)(void))Phrases_find, METH_FASTCALL,
     "find(hay, start, end, flags) -> (index, start, end) | None"},
    {"find_match", (PyCFunction)(void (*)(void))Phrases_find_match, METH_FASTCALL,
     "find_match(string, flags, owner) -> PhraseMatch | None: PhraseSet.search's fast path"},
    {"spans", (PyCFunction)(void (*)(void))Phrases_spans, METH_FASTCALL,
     "spans(hay, start, end, flags, overlapping) -> [(index, start, end), ...]"},
    {"iter", (PyCFunction)(void (*)(void))Phrases_iter, METH_FASTCALL,
     "iter(hay, start, end, flags, overlapping) -> PhraseIter"},
    {"replace", (PyCFunction)(void (*)(void))Phrases_replace, METH_FASTCALL,
     "replace(hay, start, end, replacements: tuple of bytes) -> bytes"},
    {"phrase_count", Phrases_len, METH_NOARGS, "the number of phrases"},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot Phrases_slots[] = {
    {Py_tp_dealloc, Phrases_dealloc},
    {Py_tp_methods, Phrases_methods},
    {Py_tp_doc, "A compiled ferrex_phrases (the native half of ferrex.PhraseSet)."},
    {0, NULL},
};

static PyType_Spec Phrases_spec = {
    "ferrex._ferrex.Phrases", sizeof(PhrasesObject), 0, Py_TPFLAGS_DEFAULT, Phrases_slots,
};

/* next_batch(hay, cap): up to cap next matches; [] when there are no more.
 * The haystack must have the length the iteration started with. */
static PyObject *PhraseIter_next_batch(PyObject *self_, PyObject *const *args, Py_ssize_t nargs) {
    PhraseIterObject *self = (PhraseIterObject *)self_;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "next_batch(hay, cap)");
        return NULL;
    }
    Py_ssize_t cap = PyLong_AsSsize_t(args[1]);
    if (cap == -1 && PyErr_Occurred())
        return NULL;
    if (cap < 1 || cap > BATCH) {
        PyErr_Format(PyExc_ValueError, "next_batch: cap must be 1 to %d", BATCH);
        return NULL;
    }
    if (self->busy) {
        PyErr_SetString(PyExc_RuntimeError, "phrase iterator already in use by another thread");
        return NULL;
    }
    hay_t h;
    if (hay_get(args[0], &h) < 0)
        return NULL;
    if (h.len != self->len) {
        hay_release(&h);
        PyErr_SetString(PyExc_RuntimeError, "the haystack changed size during iteration");
        return NULL;
    }
    ferrex_match out[BATCH];
    size_t n = 0;
    int32_t r;
    self->busy = 1;
    if (h.len >= RELEASE_GIL_AT) {
        Py_BEGIN_ALLOW_THREADS
        r = ferrex_phrase_iter_next_batch(self->it, h.ptr, h.len, out, (size_t)cap, &n);
        Py_END_ALLOW_THREADS
    } else {
        r = ferrex_phrase_iter_next_batch(self->it, h.ptr, h.len, out, (size_t)cap, &n);
    }
    self->busy = 0;
    hay_release(&h);
    if (check(r) < 0)
        return NULL;
    PyObject *list = PyList_New(0);
    if (list != NULL && append_matches(list, out, n) < 0)
        Py_CLEAR(list);
    return list;
}

static void PhraseIter_dealloc(PyObject *self_) {
    PhraseIterObject *self = (PhraseIterObject *)self_;
    PyTypeObject *tp = Py_TYPE(self_);
    ferrex_phrase_iter_free(self->it);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

static PyMethodDef PhraseIter_methods[] = {
    {"next_batch", (PyCFunction)(void (*)(void))PhraseIter_next_batch, METH_FASTCALL,
     "next_batch(hay, cap) -> [(index, start, end), ...]"},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot PhraseIter_slots[] = {
    {Py_tp_dealloc, PhraseIter_dealloc},
    {Py_tp_methods, PhraseIter_methods},
    {Py_tp_doc, "A ferrex_phrase_iter: the haystack is passed to every step."},
    {0, NULL},
};

static PyType_Spec PhraseIter_spec = {
    "ferrex._ferrex.PhraseIter", sizeof(PhraseIterObject), 0, Py_TPFLAGS_DEFAULT, PhraseIter_slots,
};

/* ---- PhraseMatchBase ---------------------------------------------------- */

static PyObject *PhraseMatch_new(PyTypeObject *type, PyObject *args, PyObject *kwds) {
    PyObject *set, *string, *index, *start, *end;
    if (kwds != NULL && PyDict_Size(kwds) != 0) {
        PyErr_SetString(PyExc_TypeError, "PhraseMatch(set, string, index, start, end) takes no keywords");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "OOOOO:PhraseMatch", &set, &string, &index, &start, &end))
        return NULL;
    return new_phrase_match(type, Py_NewRef(set), Py_NewRef(string), Py_NewRef(index), Py_NewRef(start),
                            Py_NewRef(end));
}

/* In the garbage collector, as MatchBase is (_ferrex.c): the haystack may
 * refer back to the match. */
static int PhraseMatch_traverse(PyObject *self_, visitproc visit, void *arg) {
    PhraseMatchObject *self = (PhraseMatchObject *)self_;
    Py_VISIT(Py_TYPE(self_));
    Py_VISIT(self->set);
    Py_VISIT(self->string);
    Py_VISIT(self->index);
    Py_VISIT(self->start);
    Py_VISIT(self->end);
    return 0;
}

static int PhraseMatch_clear(PyObject *self_) {
    PhraseMatchObject *self = (PhraseMatchObject *)self_;
    Py_CLEAR(self->set);
    Py_CLEAR(self->string);
    Py_CLEAR(self->index);
    Py_CLEAR(self->start);
    Py_CLEAR(self->end);
    return 0;
}

static void PhraseMatch_dealloc(PyObject *self_) {
    PyTypeObject *tp = Py_TYPE(self_);
    PyObject_GC_UnTrack(self_);
    PhraseMatch_clear(self_);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self_);
    Py_DECREF(tp);
}

static PyMemberDef PhraseMatch_members[] = {
    {"set", T_OBJECT_EX, offsetof(PhraseMatchObject, set), READONLY, "the PhraseSet"},
    {"string", T_OBJECT_EX, offsetof(PhraseMatchObject, string), READONLY, "the haystack"},
    {"index", T_OBJECT_EX, offsetof(PhraseMatchObject, index), READONLY, "the phrase's index in the set"},
    {"_start", T_OBJECT_EX, offsetof(PhraseMatchObject, start), READONLY, "start offset"},
    {"_end", T_OBJECT_EX, offsetof(PhraseMatchObject, end), READONLY, "end offset"},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot PhraseMatch_slots[] = {
    {Py_tp_dealloc, PhraseMatch_dealloc},
    {Py_tp_traverse, PhraseMatch_traverse},
    {Py_tp_clear, PhraseMatch_clear},
    {Py_tp_new, PhraseMatch_new},
    {Py_tp_members, PhraseMatch_members},
    {Py_tp_doc, "A phrase match's fields (ferrex.PhraseMatch adds the methods)."},
    {0, NULL},
};

static PyType_Spec PhraseMatch_spec = {
    "ferrex._ferrex.PhraseMatchBase", sizeof(PhraseMatchObject), 0,
    Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC, PhraseMatch_slots,
};

PyObject *phrases_set_match_type(PyObject *module, PyObject *arg) {
    (void)module;
    if (!PyType_Check(arg) || !PyType_IsSubtype((PyTypeObject *)arg, phrase_match_base)) {
        PyErr_SetString(PyExc_TypeError, "set_phrase_match_type: expected a subclass of PhraseMatchBase");
        return NULL;
    }
    PyTypeObject *old = phrase_match_type;
    phrase_match_type = (PyTypeObject *)Py_NewRef(arg);
    Py_XDECREF((PyObject *)old);
    Py_RETURN_NONE;
}

/* Raises ValueError(message, status_name, phrase_index); frees err. */
static PyObject *phrases_error(int32_t st, ferrex_error *err) {
    size_t index = 0;
    int has_index = err != NULL && ferrex_error_pattern(err, &index) == 1;
    const char *msg = err != NULL ? ferrex_error_message(err) : ferrex_status_message(st);
    PyObject *exc_args = Py_BuildValue("(s s n)", msg, ferrex_status_name(st), has_index ? (Py_ssize_t)index : -1);
    ferrex_error_free(err);
    if (exc_args != NULL) {
        PyErr_SetObject(PyExc_ValueError, exc_args);
        Py_DECREF(exc_args);
    }
    return NULL;
}

/* An options setter's status: a value the C API refuses is the caller's
 * ValueError. */
static int set_option(int32_t st, const char *what) {
    if (st == FERREX_OK)
        return 0;
    PyErr_Format(PyExc_ValueError, "compile_phrases: bad %s (%s)", what, ferrex_status_name(st));
    return -1;
}

PyObject *phrases_compile(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    (void)module;
    if (nargs != 4 || !PyTuple_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError,
                        "compile_phrases(phrases: tuple of bytes, match_kind: int, ascii_ci: bool, unicode_ci: bool)");
        return NULL;
    }
    unsigned long kind = PyLong_AsUnsignedLong(args[1]);
    if (kind == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    int ascii_ci = PyObject_IsTrue(args[2]);
    int unicode_ci = PyObject_IsTrue(args[3]);
    if (ascii_ci < 0 || unicode_ci < 0)
        return NULL;
    Py_ssize_t count = 0;
    const uint8_t **ptrs = NULL;
    size_t *lens = NULL;
    ferrex_phrase_options *opts = NULL;
    PyObject *result = NULL;
    if (bytes_arrays(args[0], "compile_phrases", "phrase", &ptrs, &lens, &count) < 0)
        goto done;
    if (check(ferrex_phrase_options_new(&opts, NULL)) < 0 ||
        set_option(ferrex_phrase_options_set_match_kind(opts, kind > UINT32_MAX ? UINT32_MAX : (uint32_t)kind),
                   "match kind") < 0 ||
        set_option(ferrex_phrase_options_set_ascii_case_insensitive(opts, (uint32_t)ascii_ci), "ASCII folding") < 0 ||
        set_option(ferrex_phrase_options_set_unicode_case_insensitive(opts, (uint32_t)unicode_ci), "Unicode folding") <
            0)
        goto done;
    ferrex_phrases *set = NULL;
    ferrex_error *err = NULL;
    int32_t st;
    /* Building a large set takes a while: let other threads run. */
    Py_BEGIN_ALLOW_THREADS
    st = ferrex_phrases_new(&set, ptrs, lens, (size_t)count, opts, &err);
    Py_END_ALLOW_THREADS
    if (st != FERREX_OK) {
        phrases_error(st, err);
        goto done;
    }
    PhrasesObject *self = PyObject_New(PhrasesObject, phrases_type);
    if (self == NULL) {
        ferrex_phrases_free(set);
        goto done;
    }
    self->set = set;
    self->count = (size_t)count;
    self->indexes = NULL;
    result = (PyObject *)self;
done:
    ferrex_phrase_options_free(opts);
    PyMem_Free(ptrs);
    PyMem_Free(lens);
    return result;
}

ferrex_phrases *phrases_of(PyObject *obj) {
    return phrases_type != NULL && Py_IS_TYPE(obj, phrases_type) ? ((PhrasesObject *)obj)->set : NULL;
}

int phrases_add_types(PyObject *module) {
    phrases_type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &Phrases_spec, NULL);
    if (phrases_type == NULL || PyModule_AddObjectRef(module, "Phrases", (PyObject *)phrases_type) < 0)
        return -1;
    phrase_iter_type = (PyTypeObject *)PyType_FromModuleAndSpec(module, &PhraseIter_spec, NULL);
    if (phrase_iter_type == NULL || PyModule_AddObjectRef(module, "PhraseIter", (PyObject *)phrase_iter_type) < 0)
        return -1;
    phrase_match_base = (PyTypeObject *)PyType_FromModuleAndSpec(module, &PhraseMatch_spec, NULL);
    if (phrase_match_base == NULL ||
        PyModule_AddObjectRef(module, "PhraseMatchBase", (PyObject *)phrase_match_base) < 0)
        return -1;
    return 0;
}
