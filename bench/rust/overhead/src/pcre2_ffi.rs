//! PCRE2 (8-bit library) with its JIT, as a C program uses it for speed:
//! compile, pcre2_jit_compile(PCRE2_JIT_COMPLETE), match data created once
//! from the pattern and reused, pcre2_jit_match (the fast path that skips
//! argument checks). Declarations from /usr/include/pcre2.h, where the
//! 8-bit functions are the `_8` names its macros expand to.

use std::ffi::{c_int, c_void};
use std::ptr;

#[repr(C)]
pub struct Pcre2Code {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct Pcre2MatchData {
    _opaque: [u8; 0],
}

pub const PCRE2_JIT_COMPLETE: u32 = 0x0000_0001;
pub const PCRE2_ERROR_NOMATCH: c_int = -1;

extern "C" {
    fn pcre2_compile_8(
        pattern: *const u8,
        length: usize,
        options: u32,
        errorcode: *mut c_int,
        erroroffset: *mut usize,
        ccontext: *mut c_void,
    ) -> *mut Pcre2Code;
    fn pcre2_code_free_8(code: *mut Pcre2Code);
    fn pcre2_jit_compile_8(code: *mut Pcre2Code, options: u32) -> c_int;
    fn pcre2_match_data_create_from_pattern_8(code: *const Pcre2Code, gcontext: *mut c_void) -> *mut Pcre2MatchData;
    fn pcre2_match_data_free_8(match_data: *mut Pcre2MatchData);
    fn pcre2_get_ovector_pointer_8(match_data: *mut Pcre2MatchData) -> *mut usize;
    fn pcre2_get_ovector_count_8(match_data: *mut Pcre2MatchData) -> u32;
    fn pcre2_get_error_message_8(errorcode: c_int, buffer: *mut u8, bufflen: usize) -> c_int;
    pub fn pcre2_jit_match_8(
        code: *const Pcre2Code,
        subject: *const u8,
        length: usize,
        startoffset: usize,
        options: u32,
        match_data: *mut Pcre2MatchData,
        mcontext: *mut c_void,
    ) -> c_int;
}

/// PCRE2's text for an error code.
fn message(code: c_int) -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer and its length are valid; it writes a NUL-terminated message.
    let n = unsafe { pcre2_get_error_message_8(code, buf.as_mut_ptr(), buf.len()) };
    if n < 0 {
        return format!("PCRE2 error {code}");
    }
    String::from_utf8_lossy(&buf[..n as usize]).into_owned()
}

/// A JIT-compiled pattern and its reused match data.
pub struct Jit {
    code: *mut Pcre2Code,
    match_data: *mut Pcre2MatchData,
    /// The match data's offset vector: pairs (start, end) per group.
    ovector: *const usize,
    /// The number of pairs in it (the pattern's groups, group 0 included).
    pairs: usize,
}

impl Jit {
    /// Compiles `pattern` with no options (bytes, ASCII classes: the inputs
    /// here are ASCII, where that agrees with Unicode-aware engines).
    pub fn new(pattern: &str) -> Result<Jit, String> {
        let (mut code_err, mut offset) = (0, 0);
        // SAFETY: valid pointers; the pattern is only read during the call.
        let code =
            unsafe { pcre2_compile_8(pattern.as_ptr(), pattern.len(), 0, &mut code_err, &mut offset, ptr::null_mut()) };
        if code.is_null() {
            return Err(format!("pcre2_compile {pattern:?} failed at offset {offset}: {}", message(code_err)));
        }
        // From here on Drop frees whatever was made.
        let mut jit = Jit { code, match_data: ptr::null_mut(), ovector: ptr::null(), pairs: 0 };
        // SAFETY: a compiled pattern.
        let rc = unsafe { pcre2_jit_compile_8(code, PCRE2_JIT_COMPLETE) };
        if rc != 0 {
            return Err(format!("pcre2_jit_compile failed: {} (is JIT support built in?)", message(rc)));
        }
        // SAFETY: a compiled pattern; NULL means the default allocator.
        jit.match_data = unsafe { pcre2_match_data_create_from_pattern_8(code, ptr::null_mut()) };
        if jit.match_data.is_null() {
            return Err("pcre2_match_data_create_from_pattern: out of memory".to_string());
        }
        // SAFETY: live match data; the vector lives as long as it does.
        jit.ovector = unsafe { pcre2_get_ovector_pointer_8(jit.match_data) };
        // SAFETY: live match data.
        jit.pairs = unsafe { pcre2_get_ovector_count_8(jit.match_data) } as usize;
        Ok(jit)
    }

    /// pcre2_jit_match from `start`: > 0 on a match, PCRE2_ERROR_NOMATCH
    /// when none; any other error ends the program with PCRE2's message.
    #[inline]
    pub fn find_at(&self, haystack: &[u8], start: usize) -> c_int {
        // SAFETY: compiled and JIT-compiled code, live match data, and a
        // haystack valid for the call.
        let rc = unsafe {
            pcre2_jit_match_8(self.code, haystack.as_ptr(), haystack.len(), start, 0, self.match_data, ptr::null_mut())
        };
        if rc < 0 && rc != PCRE2_ERROR_NOMATCH {
            fail(rc);
        }
        rc
    }

    /// Group `i`'s span in the last match (group 0 is the whole match);
    /// None when it did not take part.
    #[inline]
    pub fn group(&self, i: usize) -> Option<(usize, usize)> {
        assert!(i < self.pairs, "PCRE2 group {i} does not exist ({} groups)", self.pairs);
        // SAFETY: i is below the number of pairs in the vector.
        let (s, e) = unsafe { (*self.ovector.add(2 * i), *self.ovector.add(2 * i + 1)) };
        (s != usize::MAX).then_some((s, e))
    }
}

#[cold]
fn fail(rc: c_int) -> ! {
    eprintln!("overhead: error: pcre2_jit_match returned {rc}: {}", message(rc));
    std::process::exit(1);
}

impl Drop for Jit {
    fn drop(&mut self) {
        // SAFETY: each was made by PCRE2 (or is NULL, which both accept) and is freed once.
        unsafe {
            pcre2_match_data_free_8(self.match_data);
            pcre2_code_free_8(self.code);
        }
    }
}
