fn main() -> std::process::ExitCode {
    pagelint::cli::main()
}
