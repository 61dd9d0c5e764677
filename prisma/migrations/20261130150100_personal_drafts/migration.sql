-- AlterTable
ALTER TABLE "drafts" ADD COLUMN     "personal" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "team_id" DROP NOT NULL;
