-- Quote anchors are offsets into source_documents.text: once a board cites a document,
-- its text and hash must never change. Enforced in the database so no code path can forget.
CREATE OR REPLACE FUNCTION "parley_source_documents_immutable"() RETURNS trigger AS $$
BEGIN
  IF (NEW."text" IS DISTINCT FROM OLD."text" OR NEW."sha256" IS DISTINCT FROM OLD."sha256")
     AND EXISTS (SELECT 1 FROM "boards" WHERE "source_id" = OLD."id") THEN
    RAISE EXCEPTION 'source document % is used by a board and cannot change', OLD."id"
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "source_documents_immutable"
  BEFORE UPDATE ON "source_documents"
  FOR EACH ROW EXECUTE FUNCTION "parley_source_documents_immutable"();
