app_name = "loonwaarde"
urlpatterns: list = []
