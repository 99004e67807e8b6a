"""One module per `verbatim` subcommand; each has HELP, add_arguments(parser) and run(args)."""
