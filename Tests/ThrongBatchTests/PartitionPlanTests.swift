import Testing
@testable import ThrongBatch
import ThrongCore

/// How many partitions a run gets (PartitionPlan, docs/architecture.md): the size cap applies
/// to runs whose events fit the budget; a spilling run keeps the budget's count, because each
/// reader holds a spill file and an open chunk per partition.
@Suite("Partition plan")
struct PartitionPlanTests {
    let gib = 1 << 30
    let stride = MemoryLayout<Event>.stride

    @Test func aDayThatFitsIsSplitIntoPartsOfAtMostTheTarget() {
        // A pilot day: 19.9 M events estimated, 2 GiB, 2 workers.
        let plan = PartitionPlan(estimatedEvents: 19_900_000, workers: 2, memoryBudgetBytes: 2 * gib)
        #expect(plan.count == (19_900_000 * stride + PartitionPlan.targetPartitionBytes - 1) / PartitionPlan.targetPartitionBytes)
        #expect(19_900_000 * stride / plan.count <= PartitionPlan.targetPartitionBytes)
    }

    @Test func aRunThatSpillsKeepsTheBudgetsCount() {
        // 29 pilot days: 570 M events, far more than 2 GiB: the cap would ask for ~550.
        let events = 570_000_000
        let plan = PartitionPlan(estimatedEvents: events, workers: 2, memoryBudgetBytes: 2 * gib)
        let share = 2 * gib / 4
        #expect(plan.count == (events * stride + share - 1) / share)
        #expect(plan.count < 64)
    }

    @Test func smallRunsKeepFourPerWorker() {
        #expect(PartitionPlan(estimatedEvents: 1_000_000, workers: 2, memoryBudgetBytes: 2 * gib).count == 8)
        #expect(PartitionPlan(estimatedEvents: 0, workers: 3, memoryBudgetBytes: 64 << 20).count == 12)
    }

    @Test func aRunFillingTheBudgetGetsBudgetOverTargetPartitions() {
        // Events that just fit an 8 GiB budget: 8 GiB / 32 MiB partitions, not the budget share's 4.
        let events = 8 * gib / stride
        let plan = PartitionPlan(estimatedEvents: events, workers: 2, memoryBudgetBytes: 8 * gib)
        #expect(plan.count == 8 * gib / PartitionPlan.targetPartitionBytes)
    }
}
