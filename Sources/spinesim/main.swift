import SpineSimCLI

SpineSimCommand.runMain()
