// See Cargo.toml: the allocator is the binary's choice, not the library's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(dala::run(std::env::args_os()));
}
