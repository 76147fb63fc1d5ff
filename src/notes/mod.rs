//! Interview sessions: the pure model, and `store` (the only writer of user data).
