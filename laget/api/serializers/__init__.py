"""Request and response shapes for the API, by area. Serializers validate and shape only: every
write goes through a service in the view."""
