app_name = "banenafspraak"
urlpatterns: list = []
