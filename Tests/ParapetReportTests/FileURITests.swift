@testable import ParapetReport
import Testing

@Suite struct FileURITests {
    @Test func relativePathsStayRelativeWithEncodedSpacesAndUnicode() {
        #expect(FileURI.reference(for: "k8s/deploy.yaml") == ("k8s/deploy.yaml", true))
        #expect(FileURI.reference(for: "agents/my agent/ü.json") == ("agents/my%20agent/%C3%BC.json", true))
    }

    @Test func charactersWithMeaningInURIsAreEncoded() {
        #expect(FileURI.encodePath("a#b?c%d[e].tf") == "a%23b%3Fc%25d%5Be%5D.tf")
        // A colon in a relative reference's first segment would read as a scheme.
        #expect(FileURI.encodePath("c:x.yaml") == "c%3Ax.yaml")
        #expect(FileURI.encodePath("a-b_c.d~e+f@g(h).tf") == "a-b_c.d~e+f@g(h).tf")
    }

    @Test func absolutePathsBecomeFileURIs() {
        #expect(FileURI.reference(for: "/opt/shared modules/net.tf") == ("file:///opt/shared%20modules/net.tf", false))
    }

    @Test func directoryURIsEndInASlash() {
        #expect(FileURI.fileURI(absolutePath: "/work/project", directory: true) == "file:///work/project/")
        #expect(FileURI.fileURI(absolutePath: "/work/project/", directory: true) == "file:///work/project/")
        #expect(FileURI.fileURI(absolutePath: "/", directory: true) == "file:///")
    }
}
