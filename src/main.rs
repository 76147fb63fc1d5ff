fn main() -> std::process::ExitCode {
    gehoor::cli::main()
}
