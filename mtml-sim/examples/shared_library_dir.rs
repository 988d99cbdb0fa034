//! Prints the directory holding the simulator's `libmtml.so.2` and
//! `libmtml.so`, so any MTML client can be pointed at it from a shell:
//!
//! ```sh
//! LD_LIBRARY_PATH=$(cargo run -q -p mtml-sim --example shared_library_dir) \
//!     python3 -c 'import pymtml; pymtml.mtmlLibraryInit(); print(pymtml.mtmlLibraryCountDevice())'
//! ```

fn main() {
    println!("{}", mtml_sim::shared_library_dir().display());
}
