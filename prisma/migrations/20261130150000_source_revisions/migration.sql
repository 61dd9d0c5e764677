-- CreateTable
CREATE TABLE "board_source_revisions" (
    "board_id" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "source_id" TEXT NOT NULL,
    "member_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "board_source_revisions_pkey" PRIMARY KEY ("board_id","revision")
);

-- AddForeignKey
ALTER TABLE "board_source_revisions" ADD CONSTRAINT "board_source_revisions_board_id_fkey" FOREIGN KEY ("board_id") REFERENCES "boards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "board_source_revisions" ADD CONSTRAINT "board_source_revisions_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "source_documents"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Backfill: every existing board's current source is its revision 1.
INSERT INTO "board_source_revisions" ("board_id", "revision", "source_id", "member_id", "created_at")
SELECT "id", 1, "source_id", NULL, "created_at" FROM "boards";
