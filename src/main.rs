fn main() {
    std::process::exit(dala::run(std::env::args_os()));
}
