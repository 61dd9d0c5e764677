-- AlterTable
ALTER TABLE "boards" ADD COLUMN     "archived_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "board_members" ADD COLUMN     "removed_at" TIMESTAMP(3);
