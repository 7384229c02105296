import Testing
@testable import SpineSimTerminal

@Suite("Tab completion: what gets inserted")
struct CompletionPlanTests {
    @Test("longest common prefix", arguments: [
        ([], ""),
        (["esr"], "esr"),
        (["xray-lumbar", "xray-chest", "xray-cervical"], "xray-"),
        (["saddle-numbness", "saddle-sensation"], "saddle-"),
        (["crp", "esr"], ""),
        (["café", "cafés"], "café"),
        (["cafe\u{301}", "cafe"], "caf"),  // "é" as e + combining accent is one Character, not "e"
    ] as [([String], String)])
    func commonPrefix(words: [String], expected: String) {
        #expect(CompletionPlan.longestCommonPrefix(words) == expected)
    }

    @Test func oneCandidateCompletesWithASpace() {
        let action = CompletionPlan.action(for: Completion(candidates: ["examine"], replaceLength: 3), lineBeforeCursor: "exa")
        #expect(action == .edit(deleteCount: 0, insert: "mine "))
    }

    @Test func aCompleteWordGetsItsSpace() {
        let action = CompletionPlan.action(for: Completion(candidates: ["esr"], replaceLength: 3), lineBeforeCursor: "order esr")
        #expect(action == .edit(deleteCount: 0, insert: " "))
    }

    @Test func nothingTypedYetInsertsTheWholeWord() {
        let action = CompletionPlan.action(for: Completion(candidates: ["urgent"], replaceLength: 0), lineBeforeCursor: "order mri-lumbar ")
        #expect(action == .edit(deleteCount: 0, insert: "urgent "))
    }

    @Test func severalCandidatesInsertTheirCommonPrefix() {
        let completion = Completion(candidates: ["xray-lumbar", "xray-chest"], replaceLength: 1)
        #expect(CompletionPlan.action(for: completion, lineBeforeCursor: "order x") == .edit(deleteCount: 0, insert: "ray-"))
    }

    @Test func severalCandidatesWithNothingToAddAreListed() {
        let completion = Completion(candidates: ["xray-lumbar", "xray-chest"], replaceLength: 5)
        #expect(CompletionPlan.action(for: completion, lineBeforeCursor: "order xray-") == .list(["xray-lumbar", "xray-chest"]))
    }

    @Test func duplicateCandidatesCountOnce() {
        let completion = Completion(candidates: ["esr", "esr"], replaceLength: 2)
        #expect(CompletionPlan.action(for: completion, lineBeforeCursor: "order es") == .edit(deleteCount: 0, insert: "r "))
    }

    @Test func noCandidateBeeps() {
        #expect(CompletionPlan.action(for: .none, lineBeforeCursor: "zzz") == .beep)
        #expect(CompletionPlan.action(for: Completion(candidates: [""], replaceLength: 0), lineBeforeCursor: "") == .beep)
    }

    @Test func aWordTypedInOtherCaseIsReplaced() {
        let completion = Completion(candidates: ["esr"], replaceLength: 2)
        #expect(CompletionPlan.action(for: completion, lineBeforeCursor: "order ES") == .edit(deleteCount: 2, insert: "esr "))
    }

    @Test func replacementCountsUnicodeScalarsForLibedit() {
        // libedit deletes wide characters: "é" written as e + U+0301 is two of them.
        let completion = Completion(candidates: ["épaule"], replaceLength: 2)
        #expect(CompletionPlan.action(for: completion, lineBeforeCursor: "ask E\u{301}P") == .edit(deleteCount: 3, insert: "épaule "))
    }

    @Test func multibyteWordsCompleteByCharacters() {
        let completion = Completion(candidates: ["café-test"], replaceLength: 4)
        #expect(CompletionPlan.action(for: completion, lineBeforeCursor: "order café") == .edit(deleteCount: 0, insert: "-test "))
    }

    @Test func anOversizedReplaceLengthIsClamped() {
        let completion = Completion(candidates: ["end"], replaceLength: 99)
        #expect(CompletionPlan.action(for: completion, lineBeforeCursor: "en") == .edit(deleteCount: 0, insert: "d "))
    }
}
