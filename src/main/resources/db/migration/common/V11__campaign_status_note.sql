-- Why a campaign is in its status when the platform put it there (delivery paused it: the relay
-- refused the sender, or could not be reached). Cleared by any other move of the status.
alter table campaigns add column status_note varchar(500);
