-- AlterTable
ALTER TABLE "board_updates" ADD COLUMN     "member_id" TEXT;

-- CreateTable
CREATE TABLE "board_update_history" (
    "board_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "member_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "board_update_history_pkey" PRIMARY KEY ("board_id","seq")
);

-- CreateTable
CREATE TABLE "votes" (
    "board_id" TEXT NOT NULL,
    "argument_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "strength" INTEGER,
    "quote_support" INTEGER,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "votes_pkey" PRIMARY KEY ("board_id","argument_id","member_id")
);

-- CreateTable
CREATE TABLE "vote_events" (
    "id" BIGSERIAL NOT NULL,
    "board_id" TEXT NOT NULL,
    "argument_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "strength" INTEGER,
    "quote_support" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "vote_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "drafts" (
    "id" TEXT NOT NULL,
    "board_id" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "drafts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "vote_events_board_id_id_idx" ON "vote_events"("board_id", "id");

-- CreateIndex
CREATE INDEX "drafts_board_id_team_id_idx" ON "drafts"("board_id", "team_id");

-- AddForeignKey
ALTER TABLE "board_update_history" ADD CONSTRAINT "board_update_history_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "votes" ADD CONSTRAINT "votes_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vote_events" ADD CONSTRAINT "vote_events_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "drafts" ADD CONSTRAINT "drafts_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;
