// pagelint allocates many small strings per page (findings, tokens,
// fixes): mimalloc is faster at that than the system allocator (as ruff
// and rumdl use).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pagelint::cli::main()
}
