import EventStore

/// Every inline projector and every migration of the read models, in the order they must run.
public enum ReadModels {
    public static var projectors: [any InlineProjector] { [ApplicatieProjector()] + CatalogiProjectors.all + [ZaakProjector(), DocumentProjector(), BesluitProjector()] }

    /// The event store's schema first, then the read models'.
    public static var migrations: [Migration] {
        EventStoreSchema.migrations + AuthSchema.migrations + CatalogiSchema.migrations + ZakenSchema.migrations + DocumentenSchema.migrations + BesluitenSchema.migrations + NotifierSchema.migrations
    }
}
