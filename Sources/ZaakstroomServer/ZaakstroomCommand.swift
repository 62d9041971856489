import ArgumentParser

/// The `zaakstroom` command line.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct ZaakstroomCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zaakstroom",
        abstract: "Zaakstroom: the ZGW APIs as an event-sourced server on PostgreSQL.",
        subcommands: [ServeCommand.self, ApplicatieCommand.self, TokenCommand.self, MigrateCommand.self, VerifyCommand.self, NotificatiesCommand.self, HistoryCommand.self, RebuildCommand.self, CheckProjectionsCommand.self, DestroyCommand.self, ExportCommand.self, ImportCommand.self, CatalogiCommand.self],
        defaultSubcommand: ServeCommand.self)

    public init() {}
}

extension ZaakstroomCommand {
    /// Parses the command line and runs the chosen command, awaiting async ones. (Called from `main.swift`:
    /// there, `main()` resolves to ArgumentParser's synchronous entry point, which refuses async commands.)
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
