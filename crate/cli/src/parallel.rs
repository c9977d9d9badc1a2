//! Native parallel verification: the verifier parses and decides on this thread; signature jobs
//! go to a small pool of worker threads. A key's jobs always go to the same worker, so its
//! fixed-base table is built once. The report is identical to a single-threaded run.

use qinglian_core::verify::{SignatureJob, SignatureVerifier, Verifier};
use std::sync::mpsc;
use std::thread;

pub struct Pool {
    senders: Vec<mpsc::Sender<SignatureJob>>,
    results: mpsc::Receiver<(u64, Vec<bool>)>,
    handles: Vec<thread::JoinHandle<()>>,
    outstanding: usize,
}

impl Pool {
    pub fn new(threads: usize) -> Pool {
        let (result_tx, results) = mpsc::channel();
        let mut senders = Vec::new();
        let mut handles = Vec::new();
        for _ in 0..threads.max(1) {
            let (tx, rx) = mpsc::channel::<SignatureJob>();
            let result_tx = result_tx.clone();
            handles.push(thread::spawn(move || {
                let mut verifier = SignatureVerifier::new();
                for job in rx {
                    let verdicts = verifier.verify(&job);
                    if result_tx.send((job.id, verdicts)).is_err() {
                        break;
                    }
                }
            }));
            senders.push(tx);
        }
        Pool { senders, results, handles, outstanding: 0 }
    }

    /// Send the verifier's ready jobs out and settle whatever verdicts have come back.
    pub fn pump(&mut self, verifier: &mut Verifier, wait: bool) {
        for job in verifier.take_signature_jobs() {
            let worker = usize::from(job.public_key[0]) % self.senders.len();
            if let Err(mpsc::SendError(job)) = self.senders[worker].send(job) {
                // A worker that died leaves its job to `finish`, which verifies it locally.
                drop(job);
                continue;
            }
            self.outstanding += 1;
        }
        while self.outstanding > 0 {
            let next = if wait { self.results.recv().ok() } else { self.results.try_recv().ok() };
            let Some((id, verdicts)) = next else { break };
            self.outstanding -= 1;
            // Verdict counts always match what the verifier issued; a mismatch would be a bug here.
            let _ = verifier.complete_signature_job(id, &verdicts);
        }
    }

    pub fn close(self) {
        drop(self.senders);
        for h in self.handles {
            let _ = h.join();
        }
    }
}
