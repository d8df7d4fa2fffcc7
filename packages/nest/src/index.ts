/** @hearth/nest — HearthModule: the ledger and its read side on @nestjs/cqrs buses. */
export {};
