import Testing
@testable import ThrongIO

@Suite("CSVReader")
struct CSVReaderTests {
    func parse(_ s: String) throws(ThrongIOError) -> [CSVRecord] { try CSVReader.parse(Array(s.utf8), file: "t.csv") }

    @Test func quotedFieldsAndLineNumbers() throws {
        let r = try parse("a,b\r\n\"Heathrow Terminals 1,2,3\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nlast,\n")
        #expect(r.map(\.fields) == [["a", "b"], ["Heathrow Terminals 1,2,3", "say \"hi\""], ["two\nlines", "x"], ["last", ""]])
        #expect(r.map(\.line) == [1, 2, 3, 5])
    }

    @Test func noFinalNewlineAndBOM() throws {
        let r = try CSVReader.parse([0xEF, 0xBB, 0xBF] + Array("x,y\n1,2".utf8), file: "t.csv")
        #expect(r.map(\.fields) == [["x", "y"], ["1", "2"]])
    }

    @Test func writerEscapesWhatReaderReads() throws {
        var w = CSVWriter()
        let fields = ["plain", "a,b", "q\"uote", "line\nbreak", ""]
        w.row(fields)
        #expect(try parse(w.text).first?.fields == fields)
    }

    @Test(arguments: [
        ("a,b\nx\"y,z\n", 2),  // quote inside unquoted field
        ("a,b\n\"x\"y,z\n", 2),  // text after closing quote
        ("a,b\nc,d\n\"open,z\n", 3),  // unterminated
        ("a,b\rc,d\n", 1),  // bare CR
    ])
    func rejectsMalformed(input: String, line: Int) {
        #expect {
            _ = try parse(input)
        } throws: { error in
            guard let e = error as? ThrongIOError else { return false }
            return e.code == .csvSyntax && e.line == line && e.file == "t.csv"
        }
    }
}
