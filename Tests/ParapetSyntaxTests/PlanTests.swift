import Foundation
import ParapetCore
@testable import ParapetSyntax
import ParapetTestSupport
import Testing

private func plan(_ text: String) -> TerraformPlan? {
    TerraformPlan(JSONParser.parse(SourceFile(path: "plan.json", text: text), allowComments: false))
}

@Suite struct PlanTests {
    @Test func extractsResourceChanges() throws {
        let source = dataFixtureSource(fixturesRoot.appendingPathComponent("syntax/plan/replace-db.json"))
        let result = JSONParser.parse(source, allowComments: false)
        #expect(result.diagnostics.isEmpty)
        let plan = try #require(TerraformPlan(result))
        #expect(plan.formatVersion == "1.2")
        #expect(plan.terraformVersion == "1.9.5")
        #expect(plan.resourceChanges.map(\.address) == [
            "module.db.aws_db_instance.main", "aws_s3_bucket.logs[\"audit\"]",
            "data.aws_iam_policy_document.assume", "aws_instance.web[0]",
        ])

        let db = plan.resourceChanges[0]
        #expect(db.moduleAddress == "module.db")
        #expect(db.mode == .managed && db.type == "aws_db_instance" && db.name == "main")
        #expect(db.index == nil)
        #expect(db.actions == ["delete", "create"])
        #expect(db.isReplace && db.isDelete && !db.isDestroy)
        #expect(db.actionReason == "replace_because_cannot_update")
        #expect(db.before?["engine_version"]?.string == "15.7")
        #expect(db.after?["engine_version"]?.string == "16.3")
        #expect(db.after?["deletion_protection"]?.scalar?.value == .bool(false))
        #expect(db.afterUnknown?["id"]?.scalar?.value == .bool(true))
        #expect(DataDump.span(db.range) == "8:5-42:6")
        #expect(DataDump.span(db.actionsRange) == "16:20-16:40")
        #expect(db.range.path == "syntax/plan/replace-db.json")

        let bucket = plan.resourceChanges[1]
        #expect(bucket.moduleAddress == nil)
        #expect(bucket.index?.string == "audit")
        #expect(bucket.actions == ["create"])
        #expect(bucket.isCreate && !bucket.isDelete && !bucket.isReplace)
        #expect(bucket.before == nil)
        #expect(bucket.after?["force_destroy"]?.scalar?.value == .bool(true))

        let data = plan.resourceChanges[2]
        #expect(data.mode == .data && data.actions == ["read"])

        let web = plan.resourceChanges[3]
        #expect(web.index?.scalar?.value == .int(0))
        #expect(web.actions == ["no-op"] && !web.isUpdate && !web.isDelete)
    }

    @Test func oddPlansDoNotFail() throws {
        #expect(plan("")?.resourceChanges == nil)
        #expect(plan("[1]") == nil)
        #expect(plan("{\"resource_changes\": ") == nil)
        #expect(plan("{}")?.resourceChanges.isEmpty == true)
        #expect(plan(#"{"resource_changes": 5}"#)?.resourceChanges.isEmpty == true)
        let odd = try #require(plan("""
            {"resource_changes": [1, {}, {"address": ""}, {"address": 3}, {"address": "a.b", "change": 7},
             {"address": "x.y", "mode": "weird", "change": {"actions": [1, "update", null], "before": null}}]}
            """))
        #expect(odd.resourceChanges.map(\.address) == ["a.b", "x.y"])
        let first = odd.resourceChanges[0]
        #expect(first.actions.isEmpty && first.actionsRange == first.range && first.type.isEmpty)
        let second = odd.resourceChanges[1]
        #expect(second.actions == ["update"] && second.isUpdate && second.mode == .managed && second.before == nil)
    }
}
