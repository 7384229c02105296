import FuzzDriver
import SpineSimCLI

// libFuzzer drives this program: each input goes through `FuzzHarness.snapshot`.
runFuzzer(FuzzHarness.snapshot)
