import ZaakstroomServer

await ZaakstroomCommand.runFromCommandLine()
