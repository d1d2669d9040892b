#!/usr/bin/env python3
"""Generates the inputs of the seed table's benchmarks (the workloads of the
note that started ferrex; bench/definitions/seed.toml) deterministically.

Usage: seedgen.py [BENCH_DIR]   (default: bench/work)

Writes BENCH_DIR/regexes/seed/ (the regex, and the phrase lists, one phrase
per line, longest first, so that leftmost-first and leftmost-longest agree)
and BENCH_DIR/haystacks/seed/ (log text, English text, lowercase inputs),
where the driver finds the files seed.toml names.

Everything comes from a fixed seed, so the same files come out on every
machine (seedgen.py prints their sizes and SHA-256 prefixes to show it).
"""
import hashlib
import os
import random
import sys

SEED = 20251207

# One regex with alternation, classes and bounded repeats: e-mail | URL |
# ISO date | IPv4. ASCII classes only, so that Python re, PCRE2, the regex
# crate and ferrex agree on what every class means.
REGEX = (
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,6}"
    r"|https?://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~%/?=&-]*)?"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|(?:[0-9]{1,3}\.){3}[0-9]{1,3}"
)

COMMON = """the of and to a in is it you that he was for on are with as I his they be at
one have this from or had by hot word but what some we can out other were all there when
up use your how said an each she which do their time if will way about many then them write
would like so these her long make thing see him two has look more day could go come did
number sound no most people my over know water than call first who may down side been now
find any new work part take get place made live where after back little only round man year
came show every good me give our under name very through just form sentence great think say
help low line differ turn cause much mean before move right boy old too same tell does set
three want air well also play small end put home read hand port large spell add even land
here must big high such follow act why ask men change went light kind off need house picture
try us again animal point mother world near build self earth father head stand own page
should country found answer school grow study still learn plant cover food sun four between
state keep eye never last let thought city tree cross farm hard start might story saw far sea
draw left late run while press close night real life few north open seem together next white
children begin got walk example ease paper group always music those both mark often letter
until mile river car feet care second book carry took science eat room friend began idea
fish mountain stop once base hear horse cut sure watch color face wood main enough plain
girl usual young ready above ever red list though feel talk bird soon body dog family direct
pose leave song measure door product black short numeral class wind question happen complete
ship area half rock order fire south problem piece told knew pass since top whole king space
heard best hour better true during hundred five remember step early hold west ground interest
reach fast verb sing listen six table travel less morning ten simple several vowel toward war
lay against pattern slow center love person money serve appear road map rain rule govern pull
cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan
figure star box noun field rest correct able pound done beauty drive stood contain front teach
week final gave green quick develop ocean warm free minute strong special mind behind clear
tail produce fact street inch multiply nothing course stay wheel full force blue object decide
surface deep moon island foot system busy test record boat common gold possible plane stead
dry wonder laugh thousand ago ran check game shape equate miss brought heat snow tire bring
yes distant fill east paint language among""".split()

SYLLABLES = "ka lo mi ne ru sa ti vo be da fe gi ho ju pe qua ri so tu wa xe yo ze".split()


def vocabulary(rng, size):
    words = list(dict.fromkeys(COMMON))
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def zipf_picker(rng, words):
    weights = [1.0 / (i + 1) for i in range(len(words))]
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    import bisect

    def pick():
        return words[bisect.bisect_left(cum, rng.random() * total)]

    return pick


def english(rng, words, size):
    pick = zipf_picker(rng, words)
    out, n = [], 0
    while n < size:
        sentence = [pick() for _ in range(rng.randint(5, 16))]
        sentence[0] = sentence[0].capitalize()
        s = " ".join(sentence) + rng.choice([".", ".", ".", "?", "!", ";"])
        s += "\n" if rng.random() < 0.15 else " "
        out.append(s)
        n += len(s)
    return "".join(out)[:size]


def phrases(rng, words, text, count):
    """Single words and two-word phrases: about half taken from the text's
    own bigrams (so they occur), the rest drawn from the vocabulary."""
    tokens = [t.strip(".?!;").lower() for t in text.split()]
    bigrams = [f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a and b]
    chosen, seen = [], set()
    while len(chosen) < count:
        r = rng.random()
        if r < 0.3:
            p = rng.choice(words)
        elif r < 0.65:
            p = rng.choice(bigrams)
        else:
            p = f"{rng.choice(words)} {rng.choice(words)}"
        if p not in seen:
            seen.add(p)
            chosen.append(p)
    return chosen


def log_text(rng, size):
    users = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
    hosts = ["example.com", "mail.example.org", "corp.example.net", "test.io"]
    paths = ["/", "/index.html", "/api/v1/items?id=42", "/static/app.js", "/login?next=/home"]
    levels = ["INFO", "WARN", "DEBUG", "ERROR"]
    words = "request handled cache miss retry queue worker started stopped timeout connection".split()
    out, n = [], 0
    while n < size:
        kind = rng.random()
        ts = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
        lvl = rng.choice(levels)
        ip = ".".join(str(rng.randint(1, 254)) for _ in range(4))
        if kind < 0.3:
            line = f"{ts} {lvl} user {rng.choice(users)}@{rng.choice(hosts)} logged in from {ip}"
        elif kind < 0.55:
            scheme = rng.choice(["http", "https"])
            line = f"{ts} {lvl} GET {scheme}://{rng.choice(hosts)}{rng.choice(paths)} status={rng.choice([200, 301, 404, 500])} took {rng.randint(1, 900)}ms"
        elif kind < 0.75:
            line = f"{ts} {lvl} " + " ".join(rng.choice(words) for _ in range(rng.randint(4, 10)))
        else:
            line = f"{lvl} worker-{rng.randint(1, 16)} " + " ".join(rng.choice(words) for _ in range(rng.randint(6, 14))) + f" id={rng.randint(1000, 99999)}"
        line += "\n"
        out.append(line)
        n += len(line)
    return "".join(out)[:size]


def exact_utf8(text, size):
    """The longest prefix of text of at most `size` bytes, padded with
    ASCII letters to exactly `size` bytes."""
    b = text.encode()[:size].decode("utf-8", "ignore").encode()
    return b + b"x" * (size - len(b))


def longest_first(phrases):
    """Longest first (then as generated): a phrase then never comes after a
    proper prefix of it, so leftmost-first (rebar's count, aho-corasick's
    LeftmostFirst, an alternation in Python's re) reports what
    leftmost-longest does."""
    return sorted(phrases, key=len, reverse=True)


def main():
    bench_dir = sys.argv[1] if len(sys.argv) > 1 else "bench/work"
    rng = random.Random(SEED)
    files = {}
    files["regexes/seed/complex.txt"] = REGEX.encode()
    big_log = log_text(rng, 1 << 20)
    files["haystacks/seed/log-256.txt"] = big_log[:256].encode()
    files["haystacks/seed/log-4k.txt"] = big_log[:4096].encode()
    files["haystacks/seed/log-1m.txt"] = big_log.encode()
    words = vocabulary(rng, 6000)
    text = english(rng, words, 100 * 1024)
    files["haystacks/seed/english-100k.txt"] = text.encode()
    for n in (1000, 10000):
        chosen = longest_first(phrases(rng, words, text, n))
        files[f"regexes/seed/phrases-{n}.txt"] = ("\n".join(chosen) + "\n").encode()
    # 100-byte inputs. The non-ASCII one uses letters whose lowercase is one
    # code point with no context rule (no final sigma, no dotted I), so that
    # every Unicode lowercase in the table must give the same bytes.
    files["haystacks/seed/lower-ascii.txt"] = exact_utf8("The Quick Brown FOX Jumps Over THE Lazy DOG; Pack MY Box With FIVE Dozen LIQUOR Jugs, 0123456789 OK", 100)
    files["haystacks/seed/lower-utf8.txt"] = exact_utf8("ÀÉÎÕÜ ÇÑÅ ДОБРЫЙ ВЕЧЕР ΑΒΓΔ ΕΖΗΘ Ärger Öl Über ÉCOLE ÆØ ŁÓDŹ ČEŠKÝ ĞÜŞ", 100)
    for name, data in files.items():
        path = os.path.join(bench_dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    for name, data in sorted(files.items()):
        print(f"  {name:34} {len(data):8} bytes  sha256 {hashlib.sha256(data).hexdigest()[:12]}")


if __name__ == "__main__":
    main()
