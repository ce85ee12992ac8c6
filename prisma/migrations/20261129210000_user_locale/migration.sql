-- The UI language of each user, for push notifications (en, ko).
ALTER TABLE "User" ADD COLUMN "locale" TEXT NOT NULL DEFAULT 'en';
