import wit_world


class WitWorld(wit_world.WitWorld):
    def greet(self, name: str) -> str:
        wit_world.log(f"greeting {name}")
        return f"Hello, {name}!"
