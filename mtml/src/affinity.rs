//! NUMA affinity of a device: the CPUs and memory nodes closest to it.
//!
//! MTML reports both sets as bitmasks made of C `unsigned long` words (64
//! bits each on 64-bit Linux, 32 on 32-bit targets). This module asks for a
//! fixed, generous number of words and turns the set bits into a sorted list
//! of ids, so callers never handle the masks themselves.

use std::os::raw::c_ulong;

use crate::device::Device;
use crate::error::Result;
use crate::ffi::call;

/// Highest number of CPUs the CPU affinity query can describe (4096, the
/// default `NR_CPUS` ceiling of large Linux distributions' kernels).
pub const MAX_AFFINITY_CPUS: usize = 4096;

/// Highest number of NUMA nodes the memory affinity query can describe
/// (1024, the Linux `MAX_NUMNODES` at its largest configuration).
pub const MAX_AFFINITY_NUMA_NODES: usize = 1024;

/// Bits in one word of an MTML affinity mask.
const BITS_PER_WORD: usize = c_ulong::BITS as usize;

/// Words needed to hold `bits` bits.
const fn words_for(bits: usize) -> usize {
    bits.div_ceil(BITS_PER_WORD)
}

/// Lists the positions of the set bits of `words`, lowest first.
///
/// Word `i`, bit `b` stands for id `i * BITS_PER_WORD + b`, the layout MTML
/// documents for its affinity masks.
pub(crate) fn set_bits(words: &[c_ulong]) -> Vec<u32> {
    let mut ids = Vec::new();
    for (word_index, &word) in words.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            let bit = rest.trailing_zeros() as usize;
            // The masks are at most MAX_AFFINITY_CPUS bits, far below u32::MAX.
            ids.push((word_index * BITS_PER_WORD + bit) as u32);
            rest &= rest - 1;
        }
    }
    ids
}

impl<'lib> Device<'lib> {
    /// Ids of the CPUs closest to the device, ascending.
    ///
    /// Pin a process's threads to these CPUs (for example with
    /// `sched_setaffinity`) to keep its host-side work near the device. CPUs
    /// numbered [`MAX_AFFINITY_CPUS`] or above are not reported.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) when the device or
    /// operating system cannot tell; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetCpuAffinityWithinNode")]
    pub fn cpu_affinity(&self) -> Result<Vec<u32>> {
        let mut words: Vec<c_ulong> = vec![0; words_for(MAX_AFFINITY_CPUS)];
        let len = words.len() as u32;
        // SAFETY: `words` holds exactly `len` writable words for the call.
        call!(mtmlDeviceGetCpuAffinityWithinNode(
            self.raw(),
            len,
            words.as_mut_ptr()
        ))?;
        Ok(set_bits(&words))
    }

    /// Ids of the NUMA nodes whose memory is closest to the device, ascending.
    ///
    /// Nodes numbered [`MAX_AFFINITY_NUMA_NODES`] or above are not reported.
    ///
    /// # Errors
    /// [`Error::NotSupported`](crate::Error::NotSupported) when the device or
    /// operating system cannot tell; otherwise the library's error.
    #[doc(alias = "mtmlDeviceGetMemoryAffinityWithinNode")]
    pub fn memory_affinity_numa_nodes(&self) -> Result<Vec<u32>> {
        let mut words: Vec<c_ulong> = vec![0; words_for(MAX_AFFINITY_NUMA_NODES)];
        let len = words.len() as u32;
        // SAFETY: `words` holds exactly `len` writable words for the call.
        call!(mtmlDeviceGetMemoryAffinityWithinNode(
            self.raw(),
            len,
            words.as_mut_ptr()
        ))?;
        Ok(set_bits(&words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_bits_across_words() {
        let mut words = vec![0 as c_ulong; 3];
        words[0] = 0b1011;
        words[2] = 1 << (BITS_PER_WORD - 1);
        let last = (3 * BITS_PER_WORD - 1) as u32;
        assert_eq!(set_bits(&words), vec![0, 1, 3, last]);
    }

    #[test]
    fn empty_and_full_masks() {
        assert!(set_bits(&[0, 0]).is_empty());
        let all = set_bits(&[c_ulong::MAX]);
        assert_eq!(all.len(), BITS_PER_WORD);
        assert_eq!(all.first(), Some(&0));
        assert_eq!(all.last(), Some(&(BITS_PER_WORD as u32 - 1)));
    }

    #[test]
    fn word_counts_cover_the_limits() {
        assert!(words_for(MAX_AFFINITY_CPUS) * BITS_PER_WORD >= MAX_AFFINITY_CPUS);
        assert!(words_for(MAX_AFFINITY_NUMA_NODES) * BITS_PER_WORD >= MAX_AFFINITY_NUMA_NODES);
        assert_eq!(words_for(1), 1);
    }
}
