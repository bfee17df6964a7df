"""The queue of requests for access and the decision on one, under /aanvragen/."""
