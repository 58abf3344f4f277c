-- Hand-written: a locked visit report's lock holder (locked_by) could still be rewritten: 0009
-- compared the figures, the note and the time of the lock but not who locked it. Every column is now
-- compared with IS DISTINCT FROM (a null is a value like any other), so a locked report stays exactly
-- as it is.
CREATE OR REPLACE FUNCTION rove_visit_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.stop_id <> OLD.stop_id THEN
    RAISE EXCEPTION 'visit report % is a fact and cannot be deleted or moved', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  IF OLD.locked_at IS NOT NULL AND (NEW.attendance IS DISTINCT FROM OLD.attendance OR NEW.activities IS DISTINCT FROM OLD.activities
      OR NEW.notes IS DISTINCT FROM OLD.notes OR NEW.locked_at IS DISTINCT FROM OLD.locked_at OR NEW.locked_by IS DISTINCT FROM OLD.locked_by) THEN
    RAISE EXCEPTION 'visit report % is locked by the coordinator and cannot change', OLD.id USING ERRCODE = 'RVF01';
  END IF;
  RETURN NEW;
END $$;
