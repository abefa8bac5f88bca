"""The marketplace: catalogue, cart, checkout, orders and payments."""
