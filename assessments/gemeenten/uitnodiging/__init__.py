"""The page behind the link of an invitation to work for a gemeente (/uitnodiging/<token>/)."""
