use ferrex::*;
use std::time::Instant;
fn main() {
    let mut hay = Vec::new();
    let users = ["alice", "bob", "carol", "dave", "erin", "frank"];
    let mut x: u32 = 1;
    while hay.len() < 16 << 20 {
        x = x.wrapping_mul(1103515245).wrapping_add(12345);
        hay.extend_from_slice(
            format!(
                "2024-05-{:02} 12:00:01 host{} info {}@example.com \"cache miss\" processing items\n",
                x % 28,
                x % 100,
                users[(x >> 8) as usize % 6]
            )
            .as_bytes(),
        );
    }
    let hay = &hay[..];
    let pat = std::env::args().nth(1).unwrap();
    let mode = std::env::args().nth(2).unwrap();
    let re = Regex::new(&pat).unwrap();
    let mut cache = re.create_cache();
    let t = Instant::now();
    let mut k = 0;
    for _ in 0..5 {
        if mode == "one" {
            let mut st = FindState::new(&re, hay.len(), &Search::default()).unwrap();
            let mut out = [Match::default(); 256];
            loop {
                let n = st.next_batch(&re, &mut cache, hay, &mut out).unwrap();
                k += n;
                if n < 256 {
                    break;
                }
            }
        } else {
            let mut st = Stream::for_regex(&re, &StreamOptions::new()).unwrap();
            let mut out = [Match::default(); 256];
            for c in hay.chunks(65536) {
                st.feed(c).unwrap();
                loop {
                    let n = st.next_batch(&mut out);
                    k += n;
                    if n < 256 {
                        break;
                    }
                }
            }
            st.finish().unwrap();
            k += st.by_ref().count();
        }
    }
    println!("{mode} {k} {:?}", t.elapsed());
}
