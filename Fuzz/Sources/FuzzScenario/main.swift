import FuzzDriver
import SpineSimCLI

// libFuzzer drives this program: each input goes through `FuzzHarness.scenario`.
runFuzzer(FuzzHarness.scenario)
